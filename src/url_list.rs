//! Turns whatever a person pasted (one address per line, comma lists, spreadsheet columns, prose
//! with links in it) into a clean list of web page addresses, and splits long lists into batches.

use trawl_protocol::MAX_URLS_PER_BATCH;

/// A piece of the pasted text that could not be used, and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedLine {
    /// What the person pasted (shortened when very long).
    pub text: String,
    /// Why it was left out.
    pub reason: String,
}

/// The result of reading a pasted list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlList {
    /// Normalised, de-duplicated addresses in the order they were pasted.
    pub ready: Vec<String>,
    /// Lines or addresses that were left out, with the reason.
    pub rejected: Vec<RejectedLine>,
    /// How many addresses were left out because they were already in the list.
    pub duplicates: usize,
}

/// Column headings people copy along with a spreadsheet column; skipped without complaint.
const HEADINGS: [&str; 8] = [
    "url", "urls", "link", "links", "address", "website", "web page", "page",
];

/// Reads pasted text and returns the addresses to scrape and the lines that were rejected.
/// `normalize_url` checks one address: the browser's parser in the app
/// ([`crate::browser_url::normalize_url`]), `trawl_protocol::normalize_url` in native tests.
pub fn parse_url_list(
    text: &str,
    normalize_url: impl Fn(&str) -> Result<String, String>,
) -> UrlList {
    let mut list = UrlList::default();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || HEADINGS.contains(&line.to_ascii_lowercase().as_str()) {
            continue;
        }
        let candidates: Vec<&str> = line
            .split(is_separator)
            .map(trim_punctuation)
            .filter(|token| looks_like_address(token))
            .collect();
        if candidates.is_empty() {
            list.rejected.push(RejectedLine {
                text: shorten(line),
                reason: "no web address found on this line".to_owned(),
            });
            continue;
        }
        for candidate in candidates {
            match normalize_url(&with_scheme(candidate)) {
                Ok(url) if list.ready.contains(&url) => list.duplicates += 1,
                Ok(url) => list.ready.push(url),
                Err(reason) => list.rejected.push(RejectedLine {
                    text: shorten(candidate),
                    reason,
                }),
            }
        }
    }
    list
}

/// Splits a long list into batches of at most `size` addresses (the service takes 50 per batch).
pub fn chunk_urls(urls: &[String], size: usize) -> Vec<Vec<String>> {
    urls.chunks(size.max(1)).map(<[String]>::to_vec).collect()
}

/// Splits a list into batches the service accepts.
pub fn into_batches(urls: &[String]) -> Vec<Vec<String>> {
    chunk_urls(urls, MAX_URLS_PER_BATCH)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '"' | '<' | '>' | '|')
}

/// Drops the punctuation that sentences and lists wrap around links: "(see https://a.com)."
fn trim_punctuation(token: &str) -> &str {
    let mut token = token.trim_start_matches(['(', '[', '{', '\'']);
    loop {
        let before = token;
        token = token.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
            if token.ends_with(close) && token.matches(open).count() < token.matches(close).count()
            {
                token = &token[..token.len() - close.len_utf8()];
            }
        }
        if token == before {
            return token;
        }
    }
}

/// True for tokens that are meant as web addresses: anything with `scheme://`, or a host name
/// with a dot such as `shop.example/item`. E-mail addresses and ordinary words are not.
fn looks_like_address(token: &str) -> bool {
    if token.contains("://") {
        return true;
    }
    let token = token.strip_prefix("//").unwrap_or(token);
    let host = token.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    if host.contains('@') || !host.contains('.') {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels
        .iter()
        .any(|label| label.is_empty() || !label.chars().all(|c| is_letter_or_digit(c) || c == '-'))
    {
        return false;
    }
    let is_ipv4 = labels.len() == 4
        && labels
            .iter()
            .all(|label| label.chars().all(|c| c.is_ascii_digit()));
    let top_level = labels.last().copied().unwrap_or_default();
    is_ipv4
        || (top_level.chars().count() >= 2
            && top_level
                .chars()
                .all(|c| !c.is_ascii_digit() && is_letter_or_digit(c)))
}

/// Letters and digits of any script. Every non-ASCII character counts (the URL parser has the
/// final say), which spares the app Unicode's letter tables.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || !c.is_ascii()
}

/// Adds `https://` to addresses typed without a scheme.
fn with_scheme(token: &str) -> String {
    if token.contains("://") {
        token.to_owned()
    } else if let Some(rest) = token.strip_prefix("//") {
        format!("https://{rest}")
    } else {
        format!("https://{token}")
    }
}

fn shorten(text: &str) -> String {
    const LIMIT: usize = 120;
    if text.chars().count() > LIMIT {
        let short: String = text.chars().take(LIMIT).collect();
        format!("{short}…")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_url_list(text: &str) -> UrlList {
        super::parse_url_list(text, trawl_protocol::normalize_url)
    }

    #[test]
    fn one_address_per_line_is_normalised() {
        let list =
            parse_url_list("https://Shop.Example/item/1\nhttp://shop.example/item/2#reviews\n");
        assert_eq!(
            list.ready,
            ["https://shop.example/item/1", "http://shop.example/item/2"]
        );
        assert!(list.rejected.is_empty());
    }

    #[test]
    fn addresses_without_scheme_get_https() {
        let list = parse_url_list("shop.example/item/1\nwww.example.org");
        assert_eq!(
            list.ready,
            ["https://shop.example/item/1", "https://www.example.org/"]
        );
    }

    #[test]
    fn commas_semicolons_and_spreadsheet_tabs_separate_addresses() {
        let list =
            parse_url_list("a.example, b.example;c.example\nWidget\thttps://d.example/x\t12.50");
        assert_eq!(
            list.ready,
            [
                "https://a.example/",
                "https://b.example/",
                "https://c.example/",
                "https://d.example/x"
            ]
        );
        assert!(list.rejected.is_empty(), "{:?}", list.rejected);
    }

    #[test]
    fn links_inside_sentences_are_found_without_their_punctuation() {
        let list = parse_url_list(
            "Please check (https://shop.example/a) and https://shop.example/b. Thanks!",
        );
        assert_eq!(
            list.ready,
            ["https://shop.example/a", "https://shop.example/b"]
        );
    }

    #[test]
    fn wikipedia_style_parentheses_are_kept() {
        let list = parse_url_list("https://en.wikipedia.org/wiki/Rust_(programming_language)");
        assert_eq!(
            list.ready,
            ["https://en.wikipedia.org/wiki/Rust_(programming_language)"]
        );
    }

    #[test]
    fn duplicates_are_counted_once() {
        let list =
            parse_url_list("shop.example/a\nhttps://shop.example/a\nHTTPS://SHOP.EXAMPLE/a#top");
        assert_eq!(list.ready, ["https://shop.example/a"]);
        assert_eq!(list.duplicates, 2);
    }

    #[test]
    fn junk_lines_are_rejected_with_a_reason() {
        let list = parse_url_list("https://ok.example\nnot a link at all\nftp://files.example/x");
        assert_eq!(list.ready, ["https://ok.example/"]);
        assert_eq!(list.rejected.len(), 2);
        assert_eq!(list.rejected[0].text, "not a link at all");
        assert_eq!(list.rejected[0].reason, "no web address found on this line");
        assert_eq!(list.rejected[1].text, "ftp://files.example/x");
        assert!(
            list.rejected[1]
                .reason
                .contains("only http:// and https://")
        );
    }

    #[test]
    fn headings_blank_lines_and_email_addresses_are_ignored() {
        let list = parse_url_list(
            "URL\n\n   \nhttps://a.example\nwrite to ana@shop.example or visit b.example",
        );
        assert_eq!(list.ready, ["https://a.example/", "https://b.example/"]);
        assert!(list.rejected.is_empty());
    }

    #[test]
    fn international_host_names_are_recognised() {
        let list = parse_url_list("bücher.example/straße");
        assert_eq!(list.ready.len(), 1, "{:?}", list.rejected);
        assert!(list.ready[0].starts_with("https://xn--bcher-kva.example/"));
    }

    #[test]
    fn loopback_addresses_with_ports_are_accepted() {
        let list = parse_url_list("http://127.0.0.1:8080/p/1\n127.0.0.1:9000/p/2");
        assert_eq!(
            list.ready,
            ["http://127.0.0.1:8080/p/1", "https://127.0.0.1:9000/p/2"]
        );
    }

    #[test]
    fn long_lists_are_split_into_batches_of_fifty() {
        let urls: Vec<String> = (0..120).map(|i| format!("https://a.example/{i}")).collect();
        let batches = into_batches(&urls);
        assert_eq!(
            batches.iter().map(Vec::len).collect::<Vec<_>>(),
            [50, 50, 20]
        );
        assert_eq!(batches[2][0], "https://a.example/100");
        assert!(into_batches(&[]).is_empty());
        assert_eq!(
            chunk_urls(&urls[..3], 0).len(),
            3,
            "a zero size still makes progress"
        );
    }
}
