//! Pages opened in the browser (`renderJs`, screenshots) for an item with `proxyCountry` go
//! through that country's proxy, like the plain fetch: the page, its images and scripts, all of
//! it. A proxy that fails fails the item with a sentence about the proxy.

mod common;

use base64::Engine;
use common::*;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A forward proxy on loopback that wants `user:password` and records what it was asked for.
struct RecordingProxy {
    addr: SocketAddr,
    /// `METHOD target` of every request it let through.
    requests: Arc<Mutex<Vec<String>>>,
    /// Connections it opened to sites.
    forwarded: Arc<AtomicUsize>,
    /// Requests turned away with 407.
    refused: Arc<AtomicUsize>,
}

impl RecordingProxy {
    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

async fn read_head(socket: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 2048];
    loop {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buffer.split_off(end + 4);
            return Some((String::from_utf8_lossy(&buffer).into_owned(), rest));
        }
    }
}

async fn recording_proxy(credentials: &str) -> RecordingProxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = RecordingProxy {
        addr: listener.local_addr().unwrap(),
        requests: Arc::default(),
        forwarded: Arc::default(),
        refused: Arc::default(),
    };
    let wanted = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    );
    let (requests, forwarded, refused) = (
        proxy.requests.clone(),
        proxy.forwarded.clone(),
        proxy.refused.clone(),
    );
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let (wanted, requests, forwarded, refused) = (
                wanted.clone(),
                requests.clone(),
                forwarded.clone(),
                refused.clone(),
            );
            tokio::spawn(async move {
                let Some((head, rest)) = read_head(&mut client).await else {
                    return;
                };
                let mut lines = head.split("\r\n");
                let request_line = lines.next().unwrap_or_default().to_string();
                let mut parts = request_line.split_whitespace();
                let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let mut authorized = false;
                let mut headers = String::new();
                for line in lines.filter(|l| !l.is_empty()) {
                    let (name, value) = line.split_once(':').unwrap_or((line, ""));
                    match name.trim().to_ascii_lowercase().as_str() {
                        "proxy-authorization" => authorized = value.trim() == wanted,
                        "proxy-connection" | "connection" | "keep-alive" => {}
                        _ => headers.push_str(&format!("{line}\r\n")),
                    }
                }
                if !authorized {
                    refused.fetch_add(1, Ordering::SeqCst);
                    let _ = client
                        .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .await;
                    return;
                }
                requests.lock().unwrap().push(format!("{method} {target}"));
                let (site, first_bytes) = if method == "CONNECT" {
                    (target.to_string(), None)
                } else {
                    let url = url::Url::parse(target).unwrap();
                    let site = format!(
                        "{}:{}",
                        url.host_str().unwrap(),
                        url.port_or_known_default().unwrap()
                    );
                    let path = &url[url::Position::BeforePath..];
                    let head =
                        format!("{method} {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n");
                    (site, Some(head))
                };
                let Ok(mut upstream) = TcpStream::connect(&site).await else {
                    let _ = client
                        .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                        .await;
                    return;
                };
                forwarded.fetch_add(1, Ordering::SeqCst);
                match first_bytes {
                    None => {
                        let _ = client
                            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                            .await;
                    }
                    Some(head) => {
                        let _ = upstream.write_all(head.as_bytes()).await;
                    }
                }
                let _ = upstream.write_all(&rest).await;
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    proxy
}

/// A loopback port nothing listens on.
fn closed_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

#[tokio::test]
async fn a_rendered_page_its_image_and_its_screenshot_all_go_through_the_country_proxy() {
    let site = fixture_site().await;
    let proxy = recording_proxy("trawl:pw-3306-secret").await;
    let trawl = trawl_with(|c| {
        c.proxies.insert(
            "de".into(),
            format!("http://trawl:pw-3306-secret@{}", proxy.addr),
        );
    })
    .await;
    assert!(
        trawl.state.screenshots_available,
        "Chromium is missing: run `cargo xtask setup`"
    );
    let batch_id = trawl
        .submit(json!({
            "urls": [site.url("/members")],
            "renderJs": true,
            "screenshot": true,
            "proxyCountry": "de",
            "output": "markdown",
        }))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed", "{batch}");
    let markdown = item["result"].as_str().unwrap_or_default();
    assert!(
        markdown.contains("Checked by the browser."),
        "the page's script ran: {markdown}"
    );
    assert!(item["screenshotUrl"].is_string(), "{batch}");
    assert_eq!(item["creditsUsed"], 3, "fetch + render + screenshot");

    let requests = proxy.requests();
    let page = format!("GET {}", site.url("/members"));
    let image = format!("GET {}", site.url("/pixel.png"));
    assert!(
        requests.iter().filter(|r| **r == page).count() >= 2,
        "the fetch and the browser both asked the proxy for the page: {requests:?}"
    );
    assert!(
        requests.contains(&image),
        "the browser asked the proxy for the page's image: {requests:?}"
    );
    assert_eq!(
        site.hits(),
        proxy.forwarded.load(Ordering::SeqCst),
        "every request the site saw came through the proxy: {requests:?}"
    );
    assert_eq!(
        proxy.refused.load(Ordering::SeqCst),
        0,
        "credentials on every request"
    );
    assert!(!batch.to_string().contains("pw-3306-secret"));
}

#[tokio::test]
async fn a_proxy_that_refuses_or_is_down_fails_only_its_own_items_and_says_so() {
    let site = fixture_site().await;
    let proxy = recording_proxy("trawl:right-password").await;
    let down = closed_port();
    let trawl = trawl_with(|c| {
        c.proxies.insert(
            "de".into(),
            format!("http://trawl:wrong-pw-8841@{}", proxy.addr),
        );
        c.proxies.insert("fr".into(), format!("http://{down}"));
    })
    .await;
    let render = |country: Option<&str>, path: &str| {
        let mut body = json!({"urls": [site.url(path)], "renderJs": true, "screenshot": true});
        if let Some(country) = country {
            body["proxyCountry"] = json!(country);
        }
        body
    };
    let refused = trawl.submit(render(Some("de"), "/members")).await;
    let unreachable = trawl.submit(render(Some("fr"), "/members")).await;
    let direct = trawl.submit(render(None, "/script-written")).await;

    let batch = trawl.wait_until_finished(&refused).await;
    let error = batch["items"][0]["error"].as_str().unwrap_or_default();
    assert_eq!(batch["items"][0]["status"], "failed", "{batch}");
    assert!(
        error.starts_with("The proxy for country \"de\" refused"),
        "{error}"
    );
    assert!(error.contains("407"), "{error}");
    assert!(!batch.to_string().contains("wrong-pw-8841"), "{batch}");

    let batch = trawl.wait_until_finished(&unreachable).await;
    let error = batch["items"][0]["error"].as_str().unwrap_or_default();
    assert_eq!(batch["items"][0]["status"], "failed", "{batch}");
    assert!(
        error.starts_with("Trawl could not reach the proxy for country \"fr\""),
        "{error}"
    );

    let batch = trawl.wait_until_finished(&direct).await;
    assert_eq!(batch["items"][0]["status"], "completed", "{batch}");
    assert!(batch["items"][0]["screenshotUrl"].is_string(), "{batch}");
    assert!(
        site.control
            .cookie_log()
            .iter()
            .all(|(_, path, _)| path != "/members"),
        "the proxied page was never opened directly: {:?}",
        site.control.cookie_log()
    );
    assert!(proxy.refused.load(Ordering::SeqCst) >= 1);
    assert!(proxy.requests().is_empty());
}

/// One length-prefixed field of a SOCKS5 message.
async fn read_field(client: &mut TcpStream) -> Option<String> {
    let mut length = [0u8; 1];
    client.read_exact(&mut length).await.ok()?;
    let mut field = vec![0u8; length[0] as usize];
    client.read_exact(&mut field).await.ok()?;
    String::from_utf8(field).ok()
}

/// A SOCKS5 proxy on loopback that wants `user`/`password` and counts the connections it opens.
async fn socks5_proxy(
    user: &'static str,
    password: &'static str,
) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let opened = Arc::new(AtomicUsize::new(0));
    let counter = opened.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut byte = [0u8; 1];
                let mut greeting = [0u8; 2];
                client.read_exact(&mut greeting).await.ok()?;
                let mut methods = vec![0u8; greeting[1] as usize];
                client.read_exact(&mut methods).await.ok()?;
                if !methods.contains(&2) {
                    return client.write_all(&[5, 0xff]).await.ok();
                }
                client.write_all(&[5, 2]).await.ok()?;

                client.read_exact(&mut byte).await.ok()?;
                let (given_user, given_password) = (
                    read_field(&mut client).await?,
                    read_field(&mut client).await?,
                );
                if (given_user.as_str(), given_password.as_str()) != (user, password) {
                    return client.write_all(&[1, 1]).await.ok();
                }
                client.write_all(&[1, 0]).await.ok()?;
                let mut request = [0u8; 4];
                client.read_exact(&mut request).await.ok()?;
                let host = match request[3] {
                    1 => {
                        let mut ip = [0u8; 4];
                        client.read_exact(&mut ip).await.ok()?;
                        std::net::Ipv4Addr::from(ip).to_string()
                    }
                    3 => read_field(&mut client).await?,
                    _ => return None,
                };
                let mut port = [0u8; 2];
                client.read_exact(&mut port).await.ok()?;
                let mut site = TcpStream::connect((host.as_str(), u16::from_be_bytes(port)))
                    .await
                    .ok()?;
                counter.fetch_add(1, Ordering::SeqCst);
                client
                    .write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0])
                    .await
                    .ok()?;
                tokio::io::copy_bidirectional(&mut client, &mut site)
                    .await
                    .ok()
                    .map(|_| ())
            });
        }
    });
    (addr, opened)
}

#[tokio::test]
async fn socks5_proxies_carry_rendered_pages_too() {
    let site = fixture_site().await;
    let (proxy, opened) = socks5_proxy("trawl", "socks-pw").await;
    let trawl = trawl_with(|c| {
        c.proxies
            .insert("*".into(), format!("socks5h://trawl:socks-pw@{proxy}"));
    })
    .await;
    let batch_id = trawl
        .submit(json!({"urls": [site.url("/members")], "renderJs": true, "useProxy": true, "output": "markdown"}))
        .await;
    let batch = trawl.wait_until_finished(&batch_id).await;
    let item = &batch["items"][0];
    assert_eq!(item["status"], "completed", "{batch}");
    assert!(
        item["result"]
            .as_str()
            .unwrap_or_default()
            .contains("Checked by the browser."),
        "{batch}"
    );
    assert!(
        opened.load(Ordering::SeqCst) >= 2,
        "the fetch and the browser both connected through the SOCKS5 proxy"
    );
    assert!(
        site.control
            .cookie_log()
            .iter()
            .any(|(_, path, _)| path == "/pixel.png"),
        "the browser loaded the image (through its only route, the proxy)"
    );
}

/// Not part of the suite: prints how long 10 pages take in the browser through a proxy and
/// directly (`cargo test -p trawl-server --test browser_proxy -- --ignored --nocapture`).
#[tokio::test]
#[ignore]
async fn measure_ten_rendered_pages_through_a_proxy_and_directly() {
    let site = fixture_site().await;
    let proxy = recording_proxy("trawl:pw").await;
    let trawl = trawl_with(|c| {
        c.proxies
            .insert("de".into(), format!("http://trawl:pw@{}", proxy.addr));
        c.per_host = 10;
    })
    .await;
    let urls: Vec<String> = (0..10)
        .map(|n| site.url(&format!("/product/{n}")))
        .collect();
    for (label, country) in [("direct", None), ("proxied", Some("de")), ("direct", None)] {
        let mut body = json!({"urls": urls, "renderJs": true, "output": "markdown"});
        if let Some(country) = country {
            body["proxyCountry"] = json!(country);
        }
        let started = Instant::now();
        let batch_id = trawl.submit(body).await;
        let batch = trawl
            .wait_for_longer(&batch_id, Duration::from_secs(180))
            .await;
        assert_eq!(batch["completedCount"], 10, "{batch}");
        println!(
            "10 rendered pages, {label}: {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
}

#[tokio::test]
async fn proxies_the_browser_cannot_use_stop_the_server_at_start_up_without_showing_the_password() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = config(data_dir.path(), true);
    config.proxies.insert(
        "de".into(),
        "https://trawl:pw-6120@proxy.example:443".into(),
    );
    let Err(message) = trawl_server::build_state(&config).await else {
        panic!("an https:// proxy was accepted");
    };
    assert!(
        message.contains("--proxy de=") && message.contains("https:// proxies are not supported"),
        "{message}"
    );
    assert!(!message.contains("pw-6120"), "{message}");
}
