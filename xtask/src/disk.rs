//! Free disk space: a build that runs out of it fails deep inside cargo with "No space left on
//! device", so `run` and `test` say up front when the disk is too full, and what to do.

use crate::process::output;
use std::path::Path;

/// A whole `cargo xtask test` from a fresh clone, measured: target/ peaks at 2.3 GiB (it was
/// 8.5 GiB with full debug info), ~/.cargo/registry takes 0.7 GiB and e2e/node_modules 0.1;
/// plus headroom for `cargo install`'s temporary build of trunk.
pub const NEEDED_FOR_TEST_GIB: f64 = 4.0;
/// The same for `cargo xtask run` (the app and the server only).
pub const NEEDED_FOR_RUN_GIB: f64 = 3.0;

/// Prints a warning when the disk holding `dir` has less than `needed_gib` free.
/// Only a warning: the build may still fit, and an already-built tree needs far less.
pub fn warn_when_low(dir: &Path, needed_gib: f64) {
    let Some(free) = free_gib(dir) else {
        return;
    };
    if let Some(warning) = low_space_warning(free, needed_gib, dir) {
        eprintln!("{warning}");
    }
}

/// Free space on the disk holding `dir`, in GiB; `None` when `df` cannot tell.
pub fn free_gib(dir: &Path) -> Option<f64> {
    let text = output("df", &["-Pk", &dir.display().to_string()])?;
    available_kib(&text).map(|kib| kib as f64 / (1024.0 * 1024.0))
}

/// The "Available" column of `df -Pk`'s one data row.
fn available_kib(df_output: &str) -> Option<u64> {
    let row = df_output.lines().nth(1)?;
    row.split_whitespace().nth(3)?.parse().ok()
}

fn low_space_warning(free_gib: f64, needed_gib: f64, dir: &Path) -> Option<String> {
    (free_gib < needed_gib).then(|| {
        format!(
            "xtask: warning: only {free_gib:.1} GiB free on the disk of {} (a first build needs about \
             {needed_gib:.0} GiB).\n  If it stops with \"No space left on device\": free some space, \
             or build elsewhere with CARGO_TARGET_DIR=/a/bigger/disk/target.",
            dir.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_available_column_of_df() {
        let text = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                    /dev/vda        263174212 11534336  83886080      13% /\n";
        assert_eq!(available_kib(text), Some(83_886_080));
        assert_eq!(available_kib("Filesystem 1024-blocks\n"), None);
        assert_eq!(available_kib(""), None);
    }

    #[test]
    fn warns_only_below_what_a_build_needs() {
        let dir = Path::new("/work/main");
        let warning = low_space_warning(0.3, 6.0, dir).expect("0.3 GiB is too little");
        assert!(warning.contains("only 0.3 GiB free"), "{warning}");
        assert!(warning.contains("CARGO_TARGET_DIR"), "{warning}");
        assert_eq!(low_space_warning(80.0, 6.0, dir), None);
    }
}
