//! A small Chrome DevTools Protocol client for one browser process over its debugging pipe:
//! JSON messages separated by NUL bytes. Commands carry an `id` and get an answer with the same
//! `id`; everything else is an event, kept until someone waits for it.
//!
//! One page renders per process, so calls are sequential: no background task, no locks. The
//! caller puts a timeout around a whole page; a browser that dies ends every call at once with
//! [`CdpError::Closed`].

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::os::fd::OwnedFd;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::pipe;

/// A screenshot of a 16,000 px page travels base64-encoded in one message; anything far larger
/// is not a browser we want to keep reading from.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;
/// Events nobody waits for are dropped past this many.
const MAX_BUFFERED_EVENTS: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum CdpError {
    #[error("the browser closed its connection")]
    Closed,
    #[error("the browser's renderer crashed")]
    Crashed,
    #[error("{method} failed: {message}")]
    Command { method: String, message: String },
    #[error("the browser sent an unreadable message: {0}")]
    Protocol(String),
    #[error("the connection to the browser failed: {0}")]
    Io(#[from] std::io::Error),
}

pub struct Cdp {
    writer: pipe::Sender,
    reader: pipe::Receiver,
    buffer: Vec<u8>,
    events: VecDeque<Value>,
    next_id: u64,
}

/// Events that mean the page (or its renderer) is gone: waiting longer would only time out.
fn is_crash(event: &Value, session: Option<&str>) -> bool {
    let method = event["method"].as_str().unwrap_or("");
    let ours = session.is_none_or(|s| event["sessionId"].as_str() == Some(s));
    (method == "Inspector.targetCrashed" && ours)
        || (method == "Target.detachedFromTarget"
            && session.is_some_and(|s| event["params"]["sessionId"].as_str() == Some(s)))
}

impl Cdp {
    /// Wraps the parent's ends of the two pipes (write commands, read answers).
    pub fn new(commands: OwnedFd, answers: OwnedFd) -> std::io::Result<Cdp> {
        Ok(Cdp {
            writer: pipe::Sender::from_owned_fd(commands)?,
            reader: pipe::Receiver::from_owned_fd(answers)?,
            buffer: Vec::with_capacity(64 * 1024),
            events: VecDeque::new(),
            next_id: 1,
        })
    }

    async fn next_message(&mut self) -> Result<Value, CdpError> {
        let mut scanned = 0;
        loop {
            if let Some(end) = self.buffer[scanned..].iter().position(|b| *b == 0) {
                let end = scanned + end;
                let message: Vec<u8> = self.buffer.drain(..=end).collect();
                return serde_json::from_slice(&message[..end])
                    .map_err(|e| CdpError::Protocol(e.to_string()));
            }
            scanned = self.buffer.len();
            if self.buffer.len() > MAX_MESSAGE_BYTES {
                return Err(CdpError::Protocol("a message was too large".into()));
            }
            // Straight into the buffer: a chunk array here would sit in every future that awaits
            // a browser answer, and those are nested deep enough to overflow a thread's stack.
            self.buffer.reserve(64 * 1024);
            if self.reader.read_buf(&mut self.buffer).await? == 0 {
                return Err(CdpError::Closed);
            }
        }
    }

    async fn send(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<u64, CdpError> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = Value::String(session.to_string());
        }
        let mut bytes =
            serde_json::to_vec(&message).map_err(|e| CdpError::Protocol(e.to_string()))?;
        bytes.push(0);
        self.writer.write_all(&bytes).await?;
        Ok(id)
    }

    /// `alert`, `confirm`, `prompt` and "leave this page?" stop the page until someone answers;
    /// nobody is there, so Trawl presses OK at once (its answer is ignored like any other).
    async fn answer_dialog(&mut self, event: &Value) -> Result<(), CdpError> {
        if event["method"] == "Page.javascriptDialogOpening" {
            let session = event["sessionId"].as_str().map(str::to_string);
            self.send(
                session.as_deref(),
                "Page.handleJavaScriptDialog",
                json!({"accept": true}),
            )
            .await?;
        }
        Ok(())
    }

    fn keep_event(&mut self, event: Value) {
        if self.events.len() >= MAX_BUFFERED_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(event);
    }

    /// Sends `method` (to the page `session`, or to the browser when `None`) and returns its
    /// `result`.
    pub async fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, CdpError> {
        let id = self.send(session, method, params).await?;
        loop {
            let message = self.next_message().await?;
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    return Err(CdpError::Command {
                        method: method.to_string(),
                        message: error["message"]
                            .as_str()
                            .unwrap_or("unknown error")
                            .to_string(),
                    });
                }
                return Ok(message.get("result").cloned().unwrap_or(Value::Null));
            }
            if message.get("method").is_some() {
                if is_crash(&message, session) {
                    return Err(CdpError::Crashed);
                }
                self.answer_dialog(&message).await?;
                self.keep_event(message);
            }
        }
    }

    /// Drops the events received so far (e.g. before a navigation, so that only its own
    /// events count).
    pub fn forget_events(&mut self) {
        self.events.clear();
    }

    /// Waits for the first event (already received or still to come) for which `wanted` holds.
    pub async fn wait_event(
        &mut self,
        session: Option<&str>,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Value, CdpError> {
        let ours = |event: &Value| session.is_none_or(|s| event["sessionId"].as_str() == Some(s));
        if let Some(position) = self.events.iter().position(|e| ours(e) && wanted(e)) {
            return Ok(self.events.remove(position).unwrap_or(Value::Null));
        }
        if self.events.iter().any(|e| is_crash(e, session)) {
            return Err(CdpError::Crashed);
        }
        loop {
            let message = self.next_message().await?;
            if message.get("method").is_none() {
                continue;
            }
            if ours(&message) && wanted(&message) {
                return Ok(message);
            }
            if is_crash(&message, session) {
                return Err(CdpError::Crashed);
            }
            self.answer_dialog(&message).await?;
            self.keep_event(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipe_pair() -> (OwnedFd, OwnedFd) {
        let (read, write) = std::io::pipe().unwrap();
        (OwnedFd::from(read), OwnedFd::from(write))
    }

    /// A stand-in browser: answers each command with its id, after sending an unrelated event.
    #[tokio::test]
    async fn answers_are_matched_by_id_and_events_are_kept_for_later() {
        let (command_read, command_write) = pipe_pair();
        let (answer_read, answer_write) = pipe_pair();
        let mut cdp = Cdp::new(command_write, answer_read).unwrap();
        let mut browser_in = pipe::Receiver::from_owned_fd(command_read).unwrap();
        let mut browser_out = pipe::Sender::from_owned_fd(answer_write).unwrap();
        tokio::spawn(async move {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                let read = browser_in.read(&mut chunk).await.unwrap();
                if read == 0 {
                    return;
                }
                buffer.extend_from_slice(&chunk[..read]);
                while let Some(end) = buffer.iter().position(|b| *b == 0) {
                    let message: Value = serde_json::from_slice(&buffer[..end]).unwrap();
                    buffer.drain(..=end);
                    let event =
                        json!({"method": "Page.loadEventFired", "sessionId": "S", "params": {}});
                    let answer =
                        json!({"id": message["id"], "result": {"echo": message["method"]}});
                    let mut out = serde_json::to_vec(&event).unwrap();
                    out.push(0);
                    out.extend(serde_json::to_vec(&answer).unwrap());
                    out.push(0);
                    // Split the bytes to prove messages are reassembled across reads.
                    let (a, b) = out.split_at(out.len() / 2);
                    browser_out.write_all(a).await.unwrap();
                    browser_out.write_all(b).await.unwrap();
                }
            }
        });
        let result = cdp.call(Some("S"), "Page.enable", json!({})).await.unwrap();
        assert_eq!(result["echo"], "Page.enable");
        let event = cdp
            .wait_event(Some("S"), |e| e["method"] == "Page.loadEventFired")
            .await
            .unwrap();
        assert_eq!(event["sessionId"], "S");
    }

    #[tokio::test]
    async fn a_browser_that_goes_away_ends_the_call() {
        let (_command_read, command_write) = pipe_pair();
        let (answer_read, answer_write) = pipe_pair();
        let mut cdp = Cdp::new(command_write, answer_read).unwrap();
        drop(answer_write);
        let error = cdp
            .call(None, "Browser.getVersion", json!({}))
            .await
            .unwrap_err();
        assert!(matches!(error, CdpError::Closed), "{error}");
    }
}
