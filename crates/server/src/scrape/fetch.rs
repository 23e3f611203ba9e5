//! Real HTTP fetching: redirects, compression, size cap, timeouts, proxies, cookies for the
//! page's own host only, and the SSRF guard on every resolved address and redirect.

use super::guard::{is_internal, is_local_name, literal_ip};
use crate::browser::{ProxyFailure, UpstreamProxy};
use futures_util::StreamExt;
use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderValue, RETRY_AFTER};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Settings of the fetcher, from the command line.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub allow_private_targets: bool,
    pub timeout: Duration,
    pub max_page_bytes: usize,
    /// Proxy URL per lower-case country code; the key `*` serves any country. `http://`,
    /// `socks5://` and `socks5h://`, optionally with `user:password@` (the browser uses the same
    /// proxies, so schemes it cannot use are refused at start-up).
    pub proxies: HashMap<String, String>,
}

/// A page as it arrived.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    pub final_url: url::Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The page was longer than the size cap and was cut there.
    pub truncated: bool,
}

/// Why a fetch failed; `Display` is the sentence shown to people.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error(
        "Trawl does not fetch internal network addresses ({0}). If you run Trawl yourself and need this, start the server with --allow-private-targets."
    )]
    Blocked(String),
    #[error("The page returned {code} {reason}.")]
    Status {
        code: u16,
        reason: String,
        retry_after: Option<Duration>,
    },
    #[error(
        "The page did not answer within {0} seconds. The site may be slow or down; try again later."
    )]
    Timeout(u64),
    #[error("The site's name ({0}) could not be found. Check the address for typos.")]
    UnknownHost(String),
    #[error("Could not connect to {host}: {detail}. Check the address, or try again later.")]
    Connect { host: String, detail: String },
    #[error("The connection to the site broke off while the page was loading ({0}).")]
    Interrupted(String),
    #[error("The page redirected too many times (more than 10); it may be stuck in a loop.")]
    TooManyRedirects,
    #[error(
        "The address points to a file of type {0}, not a web page. Trawl reads web pages only."
    )]
    NotAWebPage(String),
    /// The item's country proxy failed; the page is never fetched directly instead.
    #[error("{0}")]
    Proxy(ProxyFailure),
    #[error("The page could not be fetched: {0}.")]
    Other(String),
}

impl FetchError {
    /// Worth another automatic attempt: the same request may well work a moment later.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { code, .. } => {
                *code == 429 || (500..=599).contains(code) && *code != 501
            }
            FetchError::Timeout(_) | FetchError::Interrupted(_) | FetchError::Connect { .. } => {
                true
            }
            FetchError::Proxy(failure) => !failure.refused,
            _ => false,
        }
    }

    /// How long the site asked us to wait (429/503 with `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Marks a connection the guard refused, so it can be told apart from network failures.
#[derive(Debug)]
struct BlockedAddress(String);

impl std::fmt::Display for BlockedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused internal address {}", self.0)
    }
}

impl std::error::Error for BlockedAddress {}

/// Resolves host names and drops every internal address, so no connection can reach one.
struct GuardedResolver;

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            if is_local_name(&host) {
                return Err(
                    Box::new(BlockedAddress(host)) as Box<dyn std::error::Error + Send + Sync>
                );
            }
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?
                .collect();
            let allowed: Vec<SocketAddr> = resolved
                .iter()
                .copied()
                .filter(|a| !is_internal(a.ip()))
                .collect();
            if allowed.is_empty() {
                let shown = resolved
                    .first()
                    .map(|a| format!("{host} is {}", a.ip()))
                    .unwrap_or(host);
                return Err(
                    Box::new(BlockedAddress(shown)) as Box<dyn std::error::Error + Send + Sync>
                );
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Why a URL may not be fetched before any connection is made (IP literals, `localhost`).
fn blocked_reason(url: &url::Url) -> Option<String> {
    if let Some(ip) = literal_ip(url) {
        return is_internal(ip).then(|| ip.to_string());
    }
    let host = url.host_str()?;
    is_local_name(host).then(|| host.to_string())
}

/// Fetches pages. Cheap to clone; holds one connection pool per route (direct or proxy).
#[derive(Clone)]
pub struct Fetcher {
    settings: Arc<FetchSettings>,
    direct: reqwest::Client,
    proxied: Arc<HashMap<String, reqwest::Client>>,
    /// The same proxies as the browser uses them.
    upstreams: Arc<HashMap<String, UpstreamProxy>>,
}

impl Fetcher {
    /// Fails on a proxy URL that neither the fetch nor the browser can use. Messages never
    /// repeat the URL: it may hold a password.
    pub fn new(settings: FetchSettings) -> Result<Self, String> {
        let direct = build_client(&settings, None)?;
        let mut proxied = HashMap::new();
        let mut upstreams = HashMap::new();
        for (country, proxy_url) in &settings.proxies {
            let upstream =
                UpstreamProxy::parse(proxy_url).map_err(|e| format!("--proxy {country}=…: {e}"))?;
            upstreams.insert(country.clone(), upstream);
            let client = build_client(&settings, Some(proxy_url))
                .map_err(|e| format!("--proxy {country}=…: {e}"))?;
            proxied.insert(country.clone(), client);
        }
        Ok(Fetcher {
            settings: Arc::new(settings),
            direct,
            proxied: Arc::new(proxied),
            upstreams: Arc::new(upstreams),
        })
    }

    /// The proxy an item's browser page must go through: the one its fetch uses. `None` for
    /// items without `useProxy`, and when no proxy serves the country.
    pub fn upstream_for(&self, use_proxy: bool, country: Option<&str>) -> Option<UpstreamProxy> {
        if !use_proxy {
            return None;
        }
        let mut upstream = country
            .and_then(|c| self.upstreams.get(c))
            .or_else(|| self.upstreams.get("*"))?
            .clone();
        upstream.country = country.map(str::to_string);
        Some(upstream)
    }

    /// Whether a proxy route exists for this request; a batch asking for one that does not
    /// exist is refused at submit time.
    pub fn has_proxy_for(&self, country: Option<&str>) -> bool {
        country.is_some_and(|c| self.proxied.contains_key(c)) || self.proxied.contains_key("*")
    }

    pub fn proxy_countries(&self) -> Vec<String> {
        let mut countries: Vec<String> = self.proxied.keys().cloned().collect();
        countries.sort();
        countries
    }

    fn client_for(&self, use_proxy: bool, country: Option<&str>) -> Option<&reqwest::Client> {
        if !use_proxy {
            return Some(&self.direct);
        }
        country
            .and_then(|c| self.proxied.get(c))
            .or_else(|| self.proxied.get("*"))
    }

    /// Fetches one page. `cookies` go only to the URL's own host: on a redirect to another
    /// host the client drops the Cookie header.
    pub async fn fetch(
        &self,
        url: &str,
        cookies: Option<&str>,
        use_proxy: bool,
        proxy_country: Option<&str>,
    ) -> Result<FetchedPage, FetchError> {
        let parsed = url::Url::parse(url).map_err(|e| FetchError::Other(e.to_string()))?;
        if !self.settings.allow_private_targets
            && let Some(reason) = blocked_reason(&parsed)
        {
            return Err(FetchError::Blocked(reason));
        }
        let client = self.client_for(use_proxy, proxy_country).ok_or_else(|| {
            FetchError::Other(format!(
                "no proxy is configured for country {}",
                proxy_country.unwrap_or("(any)")
            ))
        })?;
        let proxy = self.upstream_for(use_proxy, proxy_country);
        // Through a proxy, redirects are followed here (the client does not follow them), so
        // that every site on the way passes the guard below.
        let mut current = parsed.clone();
        let mut redirects = 0;
        let (response, host) = loop {
            if proxy.is_some() {
                self.guard_name_for_proxy(&current).await?;
            }
            let mut request = client.get(current.clone());
            if let Some(cookies) = cookies
                && same_site(&current, &parsed)
                && let Ok(value) = HeaderValue::from_str(cookies)
            {
                request = request.header(COOKIE, value);
            }
            let host = current.host_str().unwrap_or_default().to_string();
            let response = match request.send().await {
                Ok(response) => response,
                Err(error) => {
                    return Err(self.describe_failure(error, &host, proxy.as_ref()).await);
                }
            };
            let next = proxy
                .as_ref()
                .and_then(|_| redirect_target(&response, &current));
            let Some(next) = next else {
                break (response, host);
            };
            redirects += 1;
            if redirects > 10 {
                return Err(FetchError::TooManyRedirects);
            }
            if !self.settings.allow_private_targets
                && let Some(reason) = blocked_reason(&next)
            {
                return Err(FetchError::Blocked(reason));
            }
            current = next;
        };
        let status = response.status();
        if let Some(proxy) = &proxy
            && status == reqwest::StatusCode::PROXY_AUTHENTICATION_REQUIRED
        {
            return Err(FetchError::Proxy(ProxyFailure {
                country: proxy.country.clone(),
                refused: true,
                detail: proxy.auth_detail().to_string(),
            }));
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                code: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("error").to_string(),
                retry_after: response
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after),
            });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if let Some(kind) = &content_type
            && !is_readable_type(kind)
        {
            return Err(FetchError::NotAWebPage(
                kind.split(';').next().unwrap_or(kind).trim().to_string(),
            ));
        }
        let final_url = response.url().clone();
        let (body, truncated) = self.read_capped(response, &host).await?;
        Ok(FetchedPage {
            final_url,
            status: status.as_u16(),
            content_type,
            body,
            truncated,
        })
    }

    /// A proxy resolves the site's name itself, out of reach of the guarded resolver: a proxy
    /// on this machine or network would otherwise open `http://db.internal/` for anyone. So
    /// the name is resolved here first, and refused when any of its addresses is internal. A
    /// name this machine cannot resolve is left to the proxy (it may know names we do not).
    async fn guard_name_for_proxy(&self, url: &url::Url) -> Result<(), FetchError> {
        if self.settings.allow_private_targets || literal_ip(url).is_some() {
            return Ok(());
        }
        let Some(host) = url.host_str() else {
            return Ok(());
        };
        let port = url.port_or_known_default().unwrap_or(80);
        let Ok(resolved) = tokio::net::lookup_host((host, port)).await else {
            return Ok(());
        };
        match resolved.map(|a| a.ip()).find(|ip| is_internal(*ip)) {
            Some(ip) => Err(FetchError::Blocked(format!("{host} is {ip}"))),
            None => Ok(()),
        }
    }

    async fn read_capped(
        &self,
        response: reqwest::Response,
        host: &str,
    ) -> Result<(Vec<u8>, bool), FetchError> {
        let cap = self.settings.max_page_bytes;
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.describe(e, host))?;
            let room = cap.saturating_sub(body.len());
            if chunk.len() > room {
                body.extend_from_slice(&chunk[..room]);
                return Ok((body, true));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((body, false))
    }

    /// Like [`Fetcher::describe`], but a failure of the item's proxy itself is reported as such:
    /// "the site could not be reached" would send the person looking in the wrong place.
    async fn describe_failure(
        &self,
        error: reqwest::Error,
        host: &str,
        proxy: Option<&UpstreamProxy>,
    ) -> FetchError {
        let Some(proxy) = proxy else {
            return self.describe(error, host);
        };
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(current) = source {
            let text = current.to_string();
            if text.contains("proxy authorization required")
                || text.contains("credentials not accepted")
                || text.contains("does not support user/pass")
            {
                return FetchError::Proxy(ProxyFailure {
                    country: proxy.country.clone(),
                    refused: true,
                    detail: proxy.auth_detail().to_string(),
                });
            }
            source = current.source();
        }
        // No answer at all: find out whether the proxy is there before blaming the site.
        if !error.is_body()
            && !error.is_decode()
            && !error.is_redirect()
            && let Err(failure) = proxy.reachable().await
        {
            return FetchError::Proxy(failure);
        }
        self.describe(error, host)
    }

    fn describe(&self, error: reqwest::Error, host: &str) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        let mut details = Vec::new();
        while let Some(current) = source {
            if let Some(blocked) = current.downcast_ref::<BlockedAddress>() {
                return FetchError::Blocked(blocked.0.clone());
            }
            if let Some(io) = current.downcast_ref::<std::io::Error>() {
                use std::io::ErrorKind;
                match io.kind() {
                    ErrorKind::ConnectionRefused => {
                        return FetchError::Connect {
                            host: host.to_string(),
                            detail: "the connection was refused".to_string(),
                        };
                    }
                    ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::UnexpectedEof => {
                        return FetchError::Interrupted("connection reset".to_string());
                    }
                    _ => {}
                }
                if io.to_string().contains("failed to lookup address")
                    || io.to_string().contains("Name or service not known")
                {
                    return FetchError::UnknownHost(host.to_string());
                }
            }
            details.push(current.to_string());
            source = current.source();
        }
        if error.is_timeout() {
            return FetchError::Timeout(self.settings.timeout.as_secs());
        }
        if error.is_redirect() {
            return FetchError::TooManyRedirects;
        }
        let joined = details.join(": ");
        if joined.contains("dns error") || joined.contains("failed to lookup") {
            return FetchError::UnknownHost(host.to_string());
        }
        if error.is_connect() {
            return FetchError::Connect {
                host: host.to_string(),
                detail: details.last().cloned().unwrap_or_default(),
            };
        }
        if error.is_body() || error.is_decode() {
            return FetchError::Interrupted(details.last().cloned().unwrap_or_default());
        }
        FetchError::Other(joined)
    }
}

/// Cookies go only to the page's own site: same scheme, host and port.
fn same_site(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Where a redirect answer points, resolved against the page that gave it.
fn redirect_target(response: &reqwest::Response, current: &url::Url) -> Option<url::Url> {
    if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = response.headers().get(reqwest::header::LOCATION)?;
    let next = current.join(location.to_str().ok()?).ok()?;
    matches!(next.scheme(), "http" | "https").then_some(next)
}

fn build_client(settings: &FetchSettings, proxy: Option<&str>) -> Result<reqwest::Client, String> {
    let allow_private = settings.allow_private_targets;
    let redirect_policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if !allow_private && let Some(reason) = blocked_reason(attempt.url()) {
            attempt.error(BlockedAddress(reason))
        } else {
            attempt.follow()
        }
    });
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!(
            "Mozilla/5.0 (compatible; TrawlBot/",
            env!("CARGO_PKG_VERSION"),
            ")"
        ))
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout.min(Duration::from_secs(15)))
        .redirect(redirect_policy)
        .gzip(true)
        .brotli(true)
        .deflate(true)
        .no_proxy();
    match proxy {
        Some(proxy_url) => {
            // Not the URL itself in the message: it may hold a password.
            let proxy = reqwest::Proxy::all(proxy_url)
                .map_err(|_| "the proxy URL is not valid".to_string())?;
            // `Fetcher::fetch` follows redirects itself, checking each site first.
            builder = builder
                .proxy(proxy)
                .redirect(reqwest::redirect::Policy::none());
        }
        None if !allow_private => builder = builder.dns_resolver(Arc::new(GuardedResolver)),
        None => {}
    }
    builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

fn is_readable_type(content_type: &str) -> bool {
    let kind = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    kind.is_empty()
        || kind.starts_with("text/")
        || kind.contains("html")
        || kind.contains("xml")
        || kind.contains("json")
}

/// `Retry-After` is either seconds or an HTTP date; waits are capped at one minute.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let wait = match value.trim().parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value.trim())
            .ok()?
            .duration_since(SystemTime::now())
            .unwrap_or_default(),
    };
    Some(wait.min(Duration::from_secs(60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_caps_long_waits() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("86400"), Some(Duration::from_secs(60)));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn server_errors_and_rate_limits_are_retried_but_not_404() {
        let status = |code| FetchError::Status {
            code,
            reason: String::new(),
            retry_after: None,
        };
        assert!(status(503).is_transient());
        assert!(status(429).is_transient());
        assert!(!status(404).is_transient());
        assert!(!FetchError::Blocked("127.0.0.1".into()).is_transient());
    }

    #[test]
    fn failed_fetches_read_as_sentences() {
        let error = FetchError::Status {
            code: 404,
            reason: "Not Found".into(),
            retry_after: None,
        };
        assert_eq!(error.to_string(), "The page returned 404 Not Found.");
    }

    #[test]
    fn images_and_pdfs_are_not_web_pages() {
        assert!(is_readable_type("text/html; charset=utf-8"));
        assert!(is_readable_type("application/xhtml+xml"));
        assert!(!is_readable_type("application/pdf"));
        assert!(!is_readable_type("image/png"));
    }

    #[test]
    fn ip_literals_and_localhost_are_blocked_before_connecting() {
        let url = |text| url::Url::parse(text).unwrap();
        assert_eq!(
            blocked_reason(&url("http://127.0.0.1:9/")).as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(
            blocked_reason(&url("http://localhost/")).as_deref(),
            Some("localhost")
        );
        assert_eq!(
            blocked_reason(&url("http://[::ffff:10.0.0.1]/")).as_deref(),
            Some("::ffff:10.0.0.1")
        );
        assert_eq!(blocked_reason(&url("https://example.com/")), None);
    }
}
