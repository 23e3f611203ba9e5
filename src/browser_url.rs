//! Address checking with the browser's own URL parser.
//!
//! `trawl_protocol::normalize_url` gives the same answers (both follow the WHATWG URL standard,
//! which tests/web.rs checks), but linking the `url` crate's international-domain tables into the
//! app would more than quadruple the download (74 KB → 350 KB gzip). The browser already ships them.

use trawl_protocol::MAX_URL_LENGTH;

/// Parses one address and returns it in canonical form (lower-case host, no `#fragment`), with
/// the same reasons as the server when it is refused.
pub fn normalize_url(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.len() > MAX_URL_LENGTH {
        return Err(format!(
            "it is {} characters long; the limit is {MAX_URL_LENGTH}",
            text.len()
        ));
    }
    if !has_scheme(text) {
        return Err(format!(
            "it has no http:// or https:// at the start (try \"https://{text}\")"
        ));
    }
    let url = web_sys::Url::new(text).map_err(|_| "it is not a valid web address".to_owned())?;
    let scheme = url.protocol();
    if scheme != "http:" && scheme != "https:" {
        return Err(format!(
            "only http:// and https:// pages can be scraped, not {scheme}"
        ));
    }
    if url.hostname().is_empty() {
        return Err("it has no host name".to_owned());
    }
    url.set_hash("");
    Ok(url.href())
}

/// `scheme:` at the start, as the URL standard defines a scheme.
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::has_scheme;

    #[test]
    fn schemes_are_recognised_like_the_url_standard() {
        assert!(has_scheme("https://a.example"));
        assert!(has_scheme("web+app:x"));
        assert!(!has_scheme("a.example/x"));
        assert!(!has_scheme("1http://a"));
    }
}
