//! One headless Chromium process, driven over `--remote-debugging-pipe`.
//!
//! Chromium reads DevTools commands on its file descriptor 3 and writes answers on 4. A pipe
//! opens no port, so no other program on the machine can drive the browser. Each process gets
//! a fresh throw-away profile folder and its own process group; [`ChromiumProcess::close`] kills
//! the whole group (browser, renderers, GPU and network helpers) and deletes the profile.

use super::cdp::Cdp;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};

/// The viewport every page is laid out in; screenshots are this wide.
pub const VIEWPORT_WIDTH: u32 = 1280;
pub const VIEWPORT_HEIGHT: u32 = 800;

/// Flags for this closed network (see shared/TOOLCHAIN.md): without the background-networking
/// ones Chromium floods the network with requests of its own.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--disable-breakpad",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
];

pub struct ChromiumProcess {
    child: Option<tokio::process::Child>,
    profile: PathBuf,
    pub cdp: Cdp,
}

fn pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just created and are owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

impl ChromiumProcess {
    /// Starts Chromium with all its traffic sent to the guarded egress `proxy`.
    pub fn launch(chromium: &Path, proxy: SocketAddr) -> std::io::Result<ChromiumProcess> {
        let profile =
            std::env::temp_dir().join(format!("{PROFILE_PREFIX}{}", uuid::Uuid::new_v4().simple()));
        Self::launch_with_profile(chromium, proxy, &profile).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&profile);
        })
    }

    fn launch_with_profile(
        chromium: &Path,
        proxy: SocketAddr,
        profile: &Path,
    ) -> std::io::Result<ChromiumProcess> {
        std::fs::create_dir_all(profile.join("Default"))?;
        // WebRTC may send UDP straight to any address (STUN), around the proxy and so around the
        // guard: only proxied (TCP) WebRTC traffic is allowed. (The command-line switch
        // --force-webrtc-ip-handling-policy did not stop it in Chromium 156; this preference does,
        // and off-the-record contexts inherit it.)
        std::fs::write(
            profile.join("Default").join("Preferences"),
            r#"{"webrtc":{"ip_handling_policy":"disable_non_proxied_udp","multiple_routes_enabled":false,"nonproxied_udp_enabled":false}}"#,
        )?;
        // Commands go parent → child (child reads fd 3), answers child → parent (child writes fd 4).
        let (command_read, command_write) = pipe()?;
        let (answer_read, answer_write) = pipe()?;
        let (child_in, child_out) = (command_read.as_raw_fd(), answer_write.as_raw_fd());
        let mut command = tokio::process::Command::new(chromium);
        command
            .args(FLAGS)
            .arg(format!("--window-size={VIEWPORT_WIDTH},{VIEWPORT_HEIGHT}"))
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--proxy-server=http://{proxy}"))
            // Without this Chromium talks to loopback directly, around the guard.
            .arg("--proxy-bypass-list=<-loopback>")
            // No first tab: pages are opened over the pipe (saves a renderer, ~0.5 s a page).
            .arg("--no-startup-window")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .kill_on_drop(true);
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // Move both ends above 3 and 4 first, so that placing one cannot close the other.
                let high_in = libc::fcntl(child_in, libc::F_DUPFD_CLOEXEC, 10);
                let high_out = libc::fcntl(child_out, libc::F_DUPFD_CLOEXEC, 10);
                if high_in < 0
                    || high_out < 0
                    || libc::dup2(high_in, 3) < 0
                    || libc::dup2(high_out, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn();
        // The child has its copies; ours must close so that its exit reads as end of file.
        drop(command_read);
        drop(answer_write);
        let mut child = child?;
        match Cdp::new(command_write, answer_read) {
            Ok(cdp) => Ok(ChromiumProcess {
                child: Some(child),
                profile: profile.to_path_buf(),
                cdp,
            }),
            Err(error) => {
                if let Some(pid) = child.id() {
                    // SAFETY: a plain signal to the process group just started.
                    unsafe { libc::kill(-(pid as libc::pid_t), libc::SIGKILL) };
                }
                let _ = child.start_kill();
                Err(error)
            }
        }
    }

    /// The browser's process id (also its process group's).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(|c| c.id())
    }

    fn kill_group(&self) {
        if let Some(pid) = self.child.as_ref().and_then(|c| c.id()) {
            // SAFETY: a plain signal to the process group this process leads.
            unsafe {
                libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
            }
        }
    }

    /// Ends the browser and every process it started, then deletes its profile.
    pub async fn close(mut self) {
        self.kill_group();
        if let Some(mut child) = self.child.take() {
            let _ = child.wait().await;
        }
        // Helper processes may still be exiting and writing; later passes catch what they left.
        let mut last_error = None;
        for _ in 0..20 {
            match tokio::fs::remove_dir_all(&self.profile).await {
                Ok(()) => return,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => return,
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if let Some(error) = last_error {
            tracing::warn!(profile = %self.profile.display(), %error, "could not delete a browser profile");
        }
    }
}

impl Drop for ChromiumProcess {
    fn drop(&mut self) {
        // Only when `close` was never reached (the task itself was dropped): the killed
        // processes may still be writing for a moment, so the profile is deleted a bit later.
        if self.child.is_some() {
            self.kill_group();
            let profile = self.profile.clone();
            std::thread::spawn(move || {
                for _ in 0..20 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if std::fs::remove_dir_all(&profile).is_ok() || !profile.exists() {
                        return;
                    }
                }
            });
        }
    }
}

const PROFILE_PREFIX: &str = "trawl-chromium-";

/// Deletes profile folders older than `age` left by a server that was killed mid-page (its
/// browsers end by themselves when their debugging pipe closes).
pub fn remove_stale_profiles(age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|elapsed| elapsed > age);
        if stale
            && entry
                .file_name()
                .to_string_lossy()
                .starts_with(PROFILE_PREFIX)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
