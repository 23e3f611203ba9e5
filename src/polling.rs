//! When to ask the service again about a running batch: every 2 s while things change, slowing
//! down to every 5 s while nothing does.

/// The first wait, and the wait after anything changed.
pub const FASTEST_MS: u32 = 2_000;
/// The longest wait, also used while the service does not answer.
pub const SLOWEST_MS: u32 = 5_000;
/// How often a hidden tab checks whether it is visible again (no request is sent meanwhile).
pub const HIDDEN_CHECK_MS: u32 = 1_000;

/// The wait before the next poll, given the previous wait and whether the last answer differed
/// from the one before.
pub fn next_delay_ms(previous_ms: u32, changed: bool) -> u32 {
    if changed {
        FASTEST_MS
    } else {
        (previous_ms.saturating_mul(3) / 2).clamp(FASTEST_MS, SLOWEST_MS)
    }
}

/// What the live-update line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollState {
    /// Waiting for the first answer.
    Loading,
    /// Updates arrive.
    Live,
    /// The tab is hidden, so no requests are sent until it is visible again.
    Paused,
    /// The last request failed; the app keeps trying.
    Reconnecting,
    /// Nothing more will change on its own.
    Finished,
    /// Polling stopped because of an error that retrying won't fix (wrong key, unknown batch).
    Stopped,
}

impl PollState {
    /// The sentence on the live-update line.
    pub fn message(self) -> &'static str {
        match self {
            PollState::Loading => "Loading…",
            PollState::Live => "Updating live",
            PollState::Paused => "Paused while this tab is hidden",
            PollState::Reconnecting => {
                "Reconnecting… the Trawl service is not answering. Your batch keeps running on the server; this page will catch up."
            }
            PollState::Finished => "Finished",
            PollState::Stopped => "Updates stopped",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_batches_are_polled_less_often_up_to_five_seconds() {
        let mut delay = FASTEST_MS;
        let mut seen = Vec::new();
        for _ in 0..5 {
            delay = next_delay_ms(delay, false);
            seen.push(delay);
        }
        assert_eq!(seen, [3_000, 4_500, 5_000, 5_000, 5_000]);
    }

    #[test]
    fn any_change_goes_back_to_two_seconds() {
        assert_eq!(next_delay_ms(5_000, true), 2_000);
    }

    #[test]
    fn delays_stay_between_two_and_five_seconds() {
        assert_eq!(next_delay_ms(0, false), FASTEST_MS);
        assert_eq!(next_delay_ms(u32::MAX, false), SLOWEST_MS);
    }

    #[test]
    fn reconnecting_says_the_batch_keeps_running() {
        assert!(
            PollState::Reconnecting
                .message()
                .starts_with("Reconnecting…")
        );
    }
}
