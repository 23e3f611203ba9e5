//! General page data as JSON: title, description, language, canonical URL, Open Graph and
//! Twitter cards, other meta tags, JSON-LD blocks, headings, links and word count.

use scraper::{ElementRef, Html};
use serde_json::{Map, Value, json};
use url::Url;

use crate::dom::AttrExt;
use crate::inline::collapse;
use crate::main_content::Main;
use crate::text::collect;
use crate::urls::{document_base, is_web, resolve_link};
use crate::visible::Visible;

/// At most this many headings are listed.
const MAX_HEADINGS: usize = 50;

/// General page data as a JSON object (camelCase keys): `url`, `statusCode`, `title`,
/// `description`, `language`, `canonicalUrl`, `siteName`, `image`, `author`, `publishedAt`,
/// `headings`, `jsonLd`, `microdata`, `openGraph`, `twitter`, `meta`, `links`, `wordCount`, and
/// what the page shows as data: `details` (label → value), `tables` (rows keyed by header),
/// `lists` (items under their heading) and `listings` (repeated cards), and `asideTables` and
/// `asideListings`, the tables and cards of sidebars, footers and related-item strips.
pub fn page_data(html: &str, final_url: &Url, status_code: u16) -> Value {
    let doc = crate::fast_html::parse_document(html);
    let main = Main::find(&doc);
    let base = document_base(&doc, html, final_url);
    from_document(&doc, &main, &base, final_url, status_code)
}

/// Page data of an already parsed document, its main element and base URL.
pub(crate) fn from_document(
    doc: &Html,
    main: &Main<'_>,
    base: &Url,
    final_url: &Url,
    status_code: u16,
) -> Value {
    let mut s = Scan::default();
    for el in doc.root_element().descendent_elements() {
        s.element(el, base);
    }

    let og = |key: &str| {
        s.open_graph
            .get(key)
            .and_then(Value::as_str)
            .map(collapse)
            .filter(|v| !v.is_empty())
    };
    let title = og("title").or(s.title.clone()).or(s.first_h1.clone());
    let description = s.meta_value("description").or_else(|| og("description"));
    let image = og("image")
        .or_else(|| og("image:url"))
        .or_else(|| og("image:secure_url"))
        .and_then(|src| resolve_link(base, &src))
        .filter(is_web)
        .map(String::from);
    let microdata = crate::microdata::items(doc, base);
    let visible = Visible::scan(doc, base);
    let author = s
        .meta_value("author")
        .or_else(|| ld_author(&s.json_ld))
        .or_else(|| ld_author(&microdata))
        .or(visible.author);
    let published = og("article:published_time")
        .or_else(|| {
            s.json_ld
                .iter()
                .chain(&microdata)
                .find_map(|v| v.get("datePublished")?.as_str().map(str::to_string))
        })
        .or(visible.time);

    let content = collect(main, Some(base));
    let links: Vec<Value> = content
        .links
        .into_iter()
        .map(|(text, url)| json!({ "text": text, "url": url }))
        .collect();

    json!({
        "url": final_url.as_str(),
        "statusCode": status_code,
        "title": title,
        "description": description,
        "language": s.language,
        "canonicalUrl": s.canonical,
        "siteName": og("site_name"),
        "image": image,
        "author": author,
        "publishedAt": published,
        "headings": s.headings,
        "jsonLd": s.json_ld,
        "microdata": microdata,
        "openGraph": s.open_graph,
        "twitter": s.twitter,
        "meta": s.meta,
        "links": links,
        "wordCount": content.text.split_whitespace().count(),
        "details": visible.details,
        "tables": visible.tables,
        "lists": visible.lists,
        "listings": visible.listings,
        "asideTables": visible.aside_tables,
        "asideListings": visible.aside_listings,
    })
}

/// What one pass over all elements of the document collects.
#[derive(Default)]
struct Scan {
    title: Option<String>,
    first_h1: Option<String>,
    language: Option<String>,
    canonical: Option<String>,
    headings: Vec<Value>,
    json_ld: Vec<Value>,
    open_graph: Map<String, Value>,
    twitter: Map<String, Value>,
    meta: Map<String, Value>,
}

impl Scan {
    fn element(&mut self, el: ElementRef<'_>, base: &Url) {
        let v = el.value();
        match v.name() {
            "html" if self.language.is_none() => {
                self.language = v.attr_str("lang").map(collapse).filter(|l| !l.is_empty());
            }
            "title" if self.title.is_none() && !in_svg(el) => {
                self.title =
                    Some(collapse(&el.text().collect::<String>())).filter(|t| !t.is_empty());
            }
            "meta" => self.meta_tag(el),
            "link" if self.canonical.is_none() => {
                let canonical = v.attr_str("rel").is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    self.canonical = v
                        .attr_str("href")
                        .and_then(|href| resolve_link(base, href))
                        .map(String::from);
                }
            }
            "script" => {
                let is_ld = v.attr_str("type").is_some_and(|t| {
                    t.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .eq_ignore_ascii_case("application/ld+json")
                });
                if is_ld {
                    add_json_ld(&mut self.json_ld, &el.text().collect::<String>());
                }
            }
            name @ ("h1" | "h2" | "h3") => {
                // As a person reads it: no "¶" permalink, no struck or hidden words.
                let text = crate::visible::text_of(el);
                if text.is_empty() {
                    return;
                }
                if name == "h1" && self.first_h1.is_none() {
                    self.first_h1 = Some(text.clone());
                }
                if self.headings.len() < MAX_HEADINGS {
                    let level = name.as_bytes().get(1).map_or(1, |b| b - b'0');
                    self.headings.push(json!({ "level": level, "text": text }));
                }
            }
            _ => {}
        }
    }

    fn meta_tag(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let Some(content) = v.attr_str("content").map(str::trim) else {
            return;
        };
        let key = v
            .attr_str("property")
            .or(v.attr_str("name"))
            .map(str::trim)
            .unwrap_or("");
        let lower = key.to_ascii_lowercase();
        let (map, key) = if let Some(rest) = lower.strip_prefix("og:") {
            (&mut self.open_graph, rest.to_string())
        } else if lower.starts_with("article:") || lower.starts_with("product:") {
            (&mut self.open_graph, lower.clone())
        } else if let Some(rest) = lower.strip_prefix("twitter:") {
            (&mut self.twitter, rest.to_string())
        } else if let Some(name) = v.attr_str("name").map(|n| n.trim().to_ascii_lowercase()) {
            (&mut self.meta, name)
        } else {
            return;
        };
        if !key.is_empty() && !map.contains_key(&key) {
            map.insert(key, Value::String(content.to_string()));
        }
    }

    /// A `<meta name=…>` value, if present and not blank.
    fn meta_value(&self, name: &str) -> Option<String> {
        self.meta
            .get(name)
            .and_then(Value::as_str)
            .map(collapse)
            .filter(|s| !s.is_empty())
    }
}

fn in_svg(el: ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "svg")
}

/// Parses one JSON-LD block and appends its entries: an `@graph` (or a top-level array) is
/// unwrapped into separate entries. Blocks that do not parse are skipped.
fn add_json_ld(entries: &mut Vec<Value>, raw: &str) {
    let body = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';');
    let parsed = serde_json::from_str::<Value>(body).or_else(|_| {
        // Raw line breaks and tabs inside strings are a common mistake; as whitespace they are
        // harmless elsewhere.
        let cleaned: String = body
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str::<Value>(&cleaned)
    });
    if let Ok(value) = parsed {
        flatten(entries, decode_entities(value), 0);
    }
}

fn flatten(entries: &mut Vec<Value>, value: Value, depth: u8) {
    match value {
        Value::Array(items) if depth < 3 => {
            for item in items {
                flatten(entries, item, depth + 1);
            }
        }
        Value::Object(mut obj) if depth < 3 && obj.get("@graph").is_some_and(Value::is_array) => {
            if let Some(Value::Array(items)) = obj.remove("@graph") {
                for item in items {
                    flatten(entries, item, depth + 1);
                }
            }
        }
        other => entries.push(other),
    }
}

/// Character references left in JSON-LD strings (`"Salt &amp; Pepper"`: the script body is raw
/// text to the HTML parser, and many sites escape it as if it were not) decoded.
fn decode_entities(value: Value) -> Value {
    match value {
        Value::String(s) if s.contains('&') && s.contains(';') => Value::String(unescape(&s)),
        Value::Array(list) => Value::Array(list.into_iter().map(decode_entities).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, decode_entities(v)))
                .collect(),
        ),
        other => other,
    }
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => match name.strip_prefix('#') {
                    Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16)
                        .ok()
                        .and_then(char::from_u32),
                    Some(dec) => dec.parse().ok().and_then(char::from_u32),
                    None => None,
                },
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first author name in the JSON-LD entries (`"author": "A"`, `{ "name": "A" }` or a list).
fn ld_author(entries: &[Value]) -> Option<String> {
    fn name(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
            Value::Object(o) => o.get("name").and_then(name),
            Value::Array(items) => items.iter().find_map(name),
            _ => None,
        }
    }
    entries.iter().find_map(|e| e.get("author").and_then(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(html: &str) -> Value {
        page_data(
            html,
            &Url::parse("https://shop.example.com/p/chair?ref=1").unwrap(),
            200,
        )
    }

    const PRODUCT_PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
        <title> Chair | Shop </title>
        <meta name="description" content="A sturdy   chair.">
        <meta name="viewport" content="width=device-width">
        <meta name="Author" content="Jane Doe">
        <meta property="og:title" content="Garden Chair">
        <meta property="og:site_name" content="Example Shop">
        <meta property="og:image" content="/img/chair.jpg">
        <meta property="og:type" content="product">
        <meta property="product:price:amount" content="49.99">
        <meta name="twitter:card" content="summary_large_image">
        <link rel="canonical" href="/p/chair">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"Product","name":"Garden Chair","offers":{"price":"49.99"}},
            {"@type":"BreadcrumbList","itemListElement":[]}]}</script>
        <script type="application/ld+json">{ not json</script>
        <script type="application/ld+json">
            {"@type":"Article","author":[{"@type":"Person","name":"Ann Writer"}],
             "datePublished":"2024-05-01",
             "description":"line
        break"}</script>
        </head><body><nav><a href="/home">Home</a></nav>
        <main><h1>Garden Chair</h1><h2>Details</h2><h4>Small print</h4>
        <p>Made of <a href="/wood">oak wood</a>. <a href="https://other.org/care">Care guide</a>
        <a href="/wood">oak again</a> <a href="mailto:s@example.com">mail</a></p></main>
        </body></html>"#;

    #[test]
    fn metadata_prefers_open_graph_and_resolves_urls() {
        let d = data(PRODUCT_PAGE);
        assert_eq!(d["url"], "https://shop.example.com/p/chair?ref=1");
        assert_eq!(d["statusCode"], 200);
        assert_eq!(d["title"], "Garden Chair");
        assert_eq!(d["description"], "A sturdy chair.");
        assert_eq!(d["language"], "en-GB");
        assert_eq!(d["canonicalUrl"], "https://shop.example.com/p/chair");
        assert_eq!(d["siteName"], "Example Shop");
        assert_eq!(d["image"], "https://shop.example.com/img/chair.jpg");
        assert_eq!(d["author"], "Jane Doe");
        assert_eq!(d["publishedAt"], "2024-05-01");
        assert_eq!(d["openGraph"]["type"], "product");
        assert_eq!(d["openGraph"]["product:price:amount"], "49.99");
        assert_eq!(d["twitter"]["card"], "summary_large_image");
        assert_eq!(d["meta"]["author"], "Jane Doe");
        assert_eq!(d["meta"]["viewport"], "width=device-width");
        assert!(d["meta"].get("og:title").is_none());
    }

    #[test]
    fn json_ld_graph_is_unwrapped_and_bad_blocks_skipped() {
        let d = data(PRODUCT_PAGE);
        let types: Vec<&str> = d["jsonLd"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["@type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["Product", "BreadcrumbList", "Article"]);
        assert_eq!(d["jsonLd"][0]["offers"]["price"], "49.99");
    }

    #[test]
    fn headings_links_and_word_count_come_from_content() {
        let d = data(PRODUCT_PAGE);
        assert_eq!(
            d["headings"],
            json!([{"level": 1, "text": "Garden Chair"}, {"level": 2, "text": "Details"}])
        );
        assert_eq!(
            d["links"],
            json!([
                {"text": "oak wood", "url": "https://shop.example.com/wood"},
                {"text": "Care guide", "url": "https://other.org/care"},
            ])
        );
        // "Garden Chair Details Small print Made of oak wood. Care guide oak again mail"
        assert_eq!(d["wordCount"], 14);
    }

    #[test]
    fn fallbacks_and_nulls() {
        let d =
            data("<html><head><title>\n Plain  title </title></head><body><p>x</p></body></html>");
        assert_eq!(d["title"], "Plain title");
        for key in [
            "description",
            "language",
            "canonicalUrl",
            "siteName",
            "image",
            "author",
            "publishedAt",
        ] {
            assert!(d[key].is_null(), "{key} should be null");
        }
        assert_eq!(d["jsonLd"], json!([]));
        assert_eq!(d["openGraph"], json!({}));

        let d = data(
            r#"<body><svg><title>icon</title></svg><h1> First <b>heading</b></h1>
            <meta property="og:description" content="From OG"></body>"#,
        );
        assert_eq!(d["title"], "First heading");
        assert_eq!(d["description"], "From OG");
        let d = data(
            r#"<script type="application/ld+json">[{"@type":"NewsArticle",
            "author":{"name":"Reporter"}}]</script>"#,
        );
        assert_eq!(d["author"], "Reporter");
        assert_eq!(d["jsonLd"][0]["@type"], "NewsArticle");
    }

    #[test]
    fn json_ld_character_references_are_decoded() {
        let d = data(
            r#"<script type="application/ld+json">{"@type":"Product","name":"Salt &amp; Pepper",
            "brand":"Cole &#038; Mason &#x2014; UK","sku":"A&B; &bogus;"}</script>"#,
        );
        assert_eq!(d["jsonLd"][0]["name"], "Salt & Pepper");
        assert_eq!(d["jsonLd"][0]["brand"], "Cole & Mason \u{2014} UK");
        assert_eq!(d["jsonLd"][0]["sku"], "A&B; &bogus;");
    }

    #[test]
    fn headings_are_capped() {
        let d = data(&"<h2>Section</h2>".repeat(80));
        assert_eq!(d["headings"].as_array().unwrap().len(), MAX_HEADINGS);
    }
}
