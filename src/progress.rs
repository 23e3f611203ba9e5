//! Status math for one batch or a group of batches that were submitted together.

use trawl_protocol::{BatchDetail, BatchStatus, ItemStatus};

/// How far a batch (or a group of batches) has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: u32,
    pub completed: u32,
    pub failed: u32,
    pub cancelled: u32,
}

impl Progress {
    /// Adds up the counts of every batch in the group.
    pub fn of(batches: &[BatchDetail]) -> Self {
        batches.iter().fold(Progress::default(), |sum, batch| {
            let cancelled = batch
                .items
                .iter()
                .filter(|item| item.status == ItemStatus::Cancelled)
                .count();
            Progress {
                total: sum.total + batch.total_urls,
                completed: sum.completed + batch.completed_count,
                failed: sum.failed + batch.failed_count,
                cancelled: sum.cancelled + u32::try_from(cancelled).unwrap_or(u32::MAX),
            }
        })
    }

    /// Items that are queued or running.
    pub fn waiting(self) -> u32 {
        self.total
            .saturating_sub(self.completed + self.failed + self.cancelled)
    }

    /// Items that reached an end, whatever it was.
    pub fn done(self) -> u32 {
        self.total - self.waiting()
    }

    /// Share of finished items, 0–100.
    pub fn percent(self) -> u32 {
        if self.total == 0 {
            return 0;
        }
        u32::try_from(u64::from(self.done()) * 100 / u64::from(self.total)).unwrap_or(100)
    }

    /// One line such as "3 of 10 done: 2 completed, 1 failed, 7 waiting".
    pub fn summary(self) -> String {
        let mut parts = vec![
            format!("{} completed", self.completed),
            format!("{} failed", self.failed),
        ];
        if self.cancelled > 0 {
            parts.push(format!("{} cancelled", self.cancelled));
        }
        parts.push(format!("{} waiting", self.waiting()));
        format!(
            "{} of {} done: {}",
            self.done(),
            self.total,
            parts.join(", ")
        )
    }
}

/// The status of a group of batches: running while any runs, then the most useful end state.
pub fn group_status(batches: &[BatchDetail]) -> Option<BatchStatus> {
    let statuses: Vec<BatchStatus> = batches.iter().map(|batch| batch.status).collect();
    let first = *statuses.first()?;
    if statuses.iter().all(|status| *status == first) {
        return Some(first);
    }
    let status =
        if statuses.contains(&BatchStatus::Running) || statuses.contains(&BatchStatus::Pending) {
            BatchStatus::Running
        } else if statuses.contains(&BatchStatus::Completed) {
            BatchStatus::Completed
        } else if statuses.contains(&BatchStatus::Failed) {
            BatchStatus::Failed
        } else {
            BatchStatus::Cancelled
        };
    Some(status)
}

/// A status word with a capital letter, for badges.
pub fn status_label(status: &str) -> String {
    let mut chars = status.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use trawl_protocol::BatchItem;

    fn batch(status: BatchStatus, total: u32, completed: u32, failed: u32) -> BatchDetail {
        BatchDetail {
            uuid: "b".into(),
            status,
            total_urls: total,
            completed_count: completed,
            failed_count: failed,
            output_format: "json".into(),
            scraping_channel: "api".into(),
            created_at: "2026-11-23T10:00:00Z".into(),
            finished_at: None,
            items: Vec::new(),
        }
    }

    fn item(status: ItemStatus) -> BatchItem {
        crate::test_support::item("https://a.example/", status)
    }

    #[test]
    fn counts_add_up_across_chunked_batches() {
        let progress = Progress::of(&[
            batch(BatchStatus::Completed, 50, 48, 2),
            batch(BatchStatus::Running, 20, 5, 0),
        ]);
        assert_eq!(progress.total, 70);
        assert_eq!(progress.done(), 55);
        assert_eq!(progress.waiting(), 15);
        assert_eq!(progress.percent(), 78);
        assert_eq!(
            progress.summary(),
            "55 of 70 done: 53 completed, 2 failed, 15 waiting"
        );
    }

    #[test]
    fn cancelled_items_are_done_but_not_failed() {
        let mut cancelled = batch(BatchStatus::Cancelled, 3, 1, 0);
        cancelled.items = vec![
            item(ItemStatus::Completed),
            item(ItemStatus::Cancelled),
            item(ItemStatus::Cancelled),
        ];
        let progress = Progress::of(&[cancelled]);
        assert_eq!(progress.waiting(), 0);
        assert_eq!(progress.percent(), 100);
        assert!(progress.summary().contains("2 cancelled"));
    }

    #[test]
    fn empty_group_is_zero_percent() {
        assert_eq!(Progress::default().percent(), 0);
    }

    #[test]
    fn a_group_runs_until_every_batch_finished() {
        let running = [
            batch(BatchStatus::Completed, 1, 1, 0),
            batch(BatchStatus::Pending, 1, 0, 0),
        ];
        assert_eq!(group_status(&running), Some(BatchStatus::Running));
        let done = [
            batch(BatchStatus::Completed, 1, 1, 0),
            batch(BatchStatus::Cancelled, 1, 0, 0),
        ];
        assert_eq!(group_status(&done), Some(BatchStatus::Completed));
        assert_eq!(group_status(&[]), None);
    }

    #[test]
    fn status_words_get_a_capital() {
        assert_eq!(status_label("completed"), "Completed");
        assert_eq!(status_label(""), "");
    }
}
