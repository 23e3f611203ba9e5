//! The browser against real Chromium: the SSRF guard, dialogs, tall pages, crashes, and the
//! empty-shell heuristic.

use super::*;

/// The Chromium binary; `None` (the test is skipped) only when TRAWL_SKIP_BROWSER=1 says it is
/// knowingly absent: a missing browser fails the test otherwise.
fn chromium() -> Option<PathBuf> {
    let chromium = PathBuf::from(DEFAULT_CHROMIUM);
    if chromium.exists() {
        return Some(chromium);
    }
    if std::env::var("TRAWL_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("skipped: {DEFAULT_CHROMIUM} is not installed and TRAWL_SKIP_BROWSER=1");
        return None;
    }
    panic!(
        "{DEFAULT_CHROMIUM} is not installed: run `cargo xtask setup` (or set TRAWL_SKIP_BROWSER=1)"
    );
}

/// A browser for one page at a time, as most tests need.
async fn start_browser(allow_private_targets: bool, timeout_secs: u64) -> Option<Browser> {
    let chromium = chromium()?;
    let settings = BrowserSettings {
        chromium,
        max_pages: 1,
        allow_private_targets,
        timeout: Duration::from_secs(timeout_secs),
    };
    Some(Browser::start(settings).await.unwrap().unwrap())
}

#[tokio::test]
async fn the_browser_cannot_reach_internal_addresses_through_its_proxy() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = listener.local_addr().unwrap();
    let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let Some(browser) = start_browser(false, 30).await else {
        return;
    };
    // The page itself, and a page elsewhere whose image and script point inside.
    let _ = browser
        .render(&RenderRequest {
            url: format!("http://{site}/"),
            html: true,
            ..RenderRequest::default()
        })
        .await;
    let inner = format!(
        "data:text/html,<img src='http://{site}/a.png'><img src='http://localhost:{}/b.png'><script src='http://{site}/c.js'></script>",
        site.port()
    );
    let _ = browser
        .render(&RenderRequest {
            url: inner,
            html: true,
            screenshot: true,
            ..RenderRequest::default()
        })
        .await
        .unwrap();
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn very_tall_pages_are_cut_at_the_maximum_height() {
    let Some(browser) = start_browser(false, 30).await else {
        return;
    };
    let rendered = browser
        .render(&RenderRequest {
            url: "data:text/html,<body style='margin:0'><div style='height:40000px;background:linear-gradient(red,blue)'></div>".into(),
            screenshot: true,
            ..RenderRequest::default()
        })
        .await
        .unwrap();
    let png = rendered.screenshot.unwrap();
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!((width, height), (1280, MAX_SCREENSHOT_HEIGHT));
    assert!(rendered.html.is_none(), "only what was asked for");
}

#[tokio::test]
async fn alerts_and_confirms_do_not_stop_the_page() {
    let Some(browser) = start_browser(false, 20).await else {
        return;
    };
    let rendered = browser
        .render(&RenderRequest {
            url: "data:text/html,<script>alert('hi'); confirm('sure?'); prompt('name?')</script><h1>after the dialogs</h1>".into(),
            html: true,
            screenshot: true,
            ..RenderRequest::default()
        })
        .await
        .unwrap();
    assert!(rendered.html.unwrap().contains("after the dialogs"));
}

#[tokio::test]
async fn webrtc_cannot_send_udp_around_the_proxy() {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let stun = socket.local_addr().unwrap();
    let packets = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = packets.clone();
    tokio::spawn(async move {
        let mut buffer = [0u8; 1500];
        while socket.recv_from(&mut buffer).await.is_ok() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let Some(browser) = start_browser(true, 30).await else {
        return;
    };
    let page = format!(
        "data:text/html,<script>const pc = new RTCPeerConnection({{iceServers: [{{urls: 'stun:{stun}'}}]}}); pc.createDataChannel('x'); pc.createOffer().then(o => pc.setLocalDescription(o));</script><h1>rtc</h1>"
    );
    browser
        .render(&RenderRequest {
            url: page,
            html: true,
            ..RenderRequest::default()
        })
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(packets.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_browser_killed_mid_page_fails_that_page_at_once_and_the_next_page_starts_fresh() {
    // A site that accepts connections and never answers: the page stays loading.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let Some(chromium) = chromium() else { return };
    let proxy = egress_proxy::Egress::start(true, None).await.unwrap();
    let mut process = ChromiumProcess::launch(&chromium, proxy.address).unwrap();
    let pid = process.pid().unwrap() as libc::pid_t;
    let request = RenderRequest {
        url: format!("http://{site}/"),
        html: true,
        ..RenderRequest::default()
    };
    let started = std::time::Instant::now();
    let crash = async {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // SAFETY: a signal to the test's own browser process group.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    };
    let (result, ()) = tokio::join!(
        tokio::time::timeout(
            Duration::from_secs(30),
            page::render(&mut process.cdp, &request)
        ),
        crash
    );
    let error = result
        .expect("a dead browser ends the page at once, not at the timeout")
        .unwrap_err();
    assert!(
        matches!(error, PageError::Cdp(cdp::CdpError::Closed)),
        "{error}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let message = BrowserError::from(error).to_string();
    assert!(
        message.starts_with("The browser stopped without a result"),
        "{message}"
    );
    process.close().await;

    let Some(browser) = start_browser(false, 30).await else {
        return;
    };
    let rendered = browser
        .render(&RenderRequest {
            url: "data:text/html,<h1>fresh</h1><script>document.write('<p>by script</p>')</script>"
                .into(),
            html: true,
            ..RenderRequest::default()
        })
        .await
        .unwrap();
    let html = rendered.html.unwrap();
    assert!(
        html.contains("<h1>fresh</h1>") && html.contains("by script"),
        "{html}"
    );
}

/// A proxy that turns every request away with 407, counting them.
async fn proxy_wanting_other_credentials()
-> (std::net::SocketAddr, Arc<std::sync::atomic::AtomicUsize>) {
    use tokio::io::AsyncWriteExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let asked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = asked.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = upstream::read_head(&mut socket).await;
            let _ = socket
                .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .await;
        }
    });
    (address, asked)
}

#[tokio::test]
async fn a_page_whose_proxy_fails_fails_with_the_proxy_named_and_never_goes_direct() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = listener.local_addr().unwrap();
    let direct = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = direct.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let Some(browser) = start_browser(true, 30).await else {
        return;
    };
    let (refusing, asked) = proxy_wanting_other_credentials().await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    for (proxy_url, refused) in [
        (format!("http://trawl:pw-7781@{refusing}"), true),
        (format!("http://{closed}"), false),
        (format!("socks5://{closed}"), false),
    ] {
        let mut proxy = UpstreamProxy::parse(&proxy_url).unwrap();
        proxy.country = Some("de".into());
        for url in [format!("http://{site}/"), format!("https://{site}/")] {
            let error = browser
                .render(&RenderRequest {
                    url,
                    html: true,
                    screenshot: true,
                    proxy: Some(proxy.clone()),
                    ..RenderRequest::default()
                })
                .await
                .unwrap_err();
            let BrowserError::Proxy(failure) = &error else {
                panic!("{proxy_url}: not the proxy's failure: {error}");
            };
            assert_eq!(failure.refused, refused, "{proxy_url}: {error}");
            let message = error.to_string();
            assert!(message.contains("proxy for country \"de\""), "{message}");
            assert!(!message.contains("pw-7781"), "{message}");
        }
    }
    assert!(asked.load(std::sync::atomic::Ordering::SeqCst) >= 2);
    assert_eq!(
        direct.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the site was never reached around the proxy"
    );
}

#[test]
fn a_react_style_shell_is_empty_but_an_article_is_not() {
    let shell = r#"<html><body><div id="root"></div><script src="/app.js"></script></body></html>"#;
    assert!(looks_like_empty_shell(shell));
    let words = "word ".repeat(60);
    let article =
        format!("<html><body><main><p>{words}</p></main><script>1</script></body></html>");
    assert!(!looks_like_empty_shell(&article));
    assert!(!looks_like_empty_shell(
        "<html><body><p>short static page</p></body></html>"
    ));
    let product = r#"<html><head><script type="application/ld+json">{}</script></head><body><h1>Widget</h1><p>€5</p></body></html>"#;
    assert!(
        !looks_like_empty_shell(product),
        "a short product page with JSON-LD is not a shell"
    );
}
