//! A tiny forward proxy on loopback that Chromium must use for every connection, so the SSRF
//! guard applies to the browser too: page, redirects, images, scripts, everything.
//!
//! It understands `CONNECT host:port` (HTTPS tunnels) and absolute-form plain HTTP requests,
//! resolves the host itself, refuses internal addresses unless allowed, then pipes bytes.

use crate::scrape::guard::{is_internal, is_local_name};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const MAX_HEAD_BYTES: usize = 16 * 1024;

/// Starts the proxy on an ephemeral loopback port and returns its address.
pub async fn start(allow_private_targets: bool) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let _ = serve(client, allow_private_targets).await;
            });
        }
    });
    Ok(address)
}

/// What a proxied request asks for.
#[derive(Debug, PartialEq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub tunnel: bool,
    /// For plain HTTP: the request head rewritten to origin form with `Connection: close`.
    pub forwarded_head: Vec<u8>,
}

/// Parses the head of a proxy request (`CONNECT` or absolute-form HTTP).
pub fn parse_head(head: &str) -> Option<Target> {
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?;
    let mut parts = request_line.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if method.eq_ignore_ascii_case("CONNECT") {
        let (host, port) = target.rsplit_once(':')?;
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        return Some(Target {
            host,
            port: port.parse().ok()?,
            tunnel: true,
            forwarded_head: Vec::new(),
        });
    }
    let url = url::Url::parse(target).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let host = url
        .host_str()?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = url.port_or_known_default()?;
    let path = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let mut forwarded = format!("{method} {path} {version}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if name != "connection" && name != "proxy-connection" && name != "keep-alive" {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    Some(Target {
        host,
        port,
        tunnel: false,
        forwarded_head: forwarded.into_bytes(),
    })
}

/// Resolves `host` and returns the first address the guard allows, or why none is.
pub async fn allowed_address(
    host: &str,
    port: u16,
    allow_private: bool,
) -> Result<SocketAddr, String> {
    if !allow_private && is_local_name(host) {
        return Err(format!("{host} is this machine"));
    }
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    resolved
        .iter()
        .copied()
        .find(|a| allow_private || !is_internal(a.ip()))
        .ok_or_else(|| format!("{host} resolves only to internal addresses"))
}

async fn read_head(client: &mut TcpStream) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let read = client.read(&mut chunk).await?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buffer.split_off(end + 4);
            return Ok((buffer, rest));
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
}

async fn serve(mut client: TcpStream, allow_private: bool) -> std::io::Result<()> {
    let (head, rest) = read_head(&mut client).await?;
    let Some(target) = parse_head(&String::from_utf8_lossy(&head)) else {
        client
            .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .await?;
        return Ok(());
    };
    let address = match allowed_address(&target.host, target.port, allow_private).await {
        Ok(address) => address,
        Err(reason) => {
            tracing::info!(host = %target.host, %reason, "browser request refused by the SSRF guard");
            client
                .write_all(
                    b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await?;
            return Ok(());
        }
    };
    let mut upstream = match TcpStream::connect(address).await {
        Ok(stream) => stream,
        Err(_) => {
            client
                .write_all(
                    b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await?;
            return Ok(());
        }
    };
    if target.tunnel {
        client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await?;
    } else {
        upstream.write_all(&target.forwarded_head).await?;
    }
    if !rest.is_empty() {
        upstream.write_all(&rest).await?;
    }
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_requests_name_host_and_port() {
        let target =
            parse_head("CONNECT shop.example:443 HTTP/1.1\r\nHost: shop.example:443\r\n\r\n")
                .unwrap();
        assert_eq!(
            (target.host.as_str(), target.port, target.tunnel),
            ("shop.example", 443, true)
        );
    }

    #[test]
    fn plain_http_is_rewritten_to_origin_form_and_closed_after_one_answer() {
        let head = "GET http://shop.example:8080/p?id=1 HTTP/1.1\r\nHost: shop.example:8080\r\nProxy-Connection: keep-alive\r\n\r\n";
        let target = parse_head(head).unwrap();
        assert_eq!(target.port, 8080);
        let forwarded = String::from_utf8(target.forwarded_head).unwrap();
        assert!(
            forwarded.starts_with("GET /p?id=1 HTTP/1.1\r\n"),
            "{forwarded}"
        );
        assert!(forwarded.contains("Host: shop.example:8080\r\n"));
        assert!(!forwarded.to_ascii_lowercase().contains("proxy-connection"));
        assert!(forwarded.ends_with("Connection: close\r\n\r\n"));
    }

    #[tokio::test]
    async fn internal_addresses_are_refused_unless_allowed() {
        assert!(allowed_address("127.0.0.1", 80, false).await.is_err());
        assert!(allowed_address("localhost", 80, false).await.is_err());
        assert!(allowed_address("127.0.0.1", 80, true).await.is_ok());
    }

    #[tokio::test]
    async fn the_proxy_answers_403_for_an_internal_target() {
        let proxy = start(false).await.unwrap();
        let mut client = TcpStream::connect(proxy).await.unwrap();
        client
            .write_all(b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }
}
