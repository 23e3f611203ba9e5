//! Batch status math: derived from item counts, never stored by hand.

use trawl_protocol::BatchStatus;

/// How many items of a batch are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemCounts {
    pub pending: u32,
    pub running: u32,
    pub completed: u32,
    pub failed: u32,
    pub cancelled: u32,
}

/// The status a batch has given its items, whether it was cancelled, and whether any item has
/// ever started (a retried batch goes back to running, not to pending).
pub fn batch_status(counts: ItemCounts, cancelled: bool, ever_started: bool) -> BatchStatus {
    if cancelled {
        BatchStatus::Cancelled
    } else if counts.pending == 0 && counts.running == 0 {
        BatchStatus::Completed
    } else if ever_started || counts.running > 0 {
        BatchStatus::Running
    } else {
        BatchStatus::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pending: u32, running: u32, completed: u32, failed: u32) -> ItemCounts {
        ItemCounts {
            pending,
            running,
            completed,
            failed,
            cancelled: 0,
        }
    }

    #[test]
    fn pending_until_an_item_starts() {
        assert_eq!(
            batch_status(counts(3, 0, 0, 0), false, false),
            BatchStatus::Pending
        );
        assert_eq!(
            batch_status(counts(2, 1, 0, 0), false, true),
            BatchStatus::Running
        );
    }

    #[test]
    fn completed_when_every_item_is_terminal_even_with_failures() {
        assert_eq!(
            batch_status(counts(0, 0, 2, 1), false, true),
            BatchStatus::Completed
        );
    }

    #[test]
    fn a_retried_batch_is_running_not_pending() {
        assert_eq!(
            batch_status(counts(1, 0, 2, 0), false, true),
            BatchStatus::Running
        );
    }

    #[test]
    fn cancelled_wins_even_while_items_still_run() {
        assert_eq!(
            batch_status(counts(0, 1, 0, 0), true, true),
            BatchStatus::Cancelled
        );
    }
}
