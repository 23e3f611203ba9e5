//! Checks a submitted batch before anything is stored, with messages that name the wrong input.

use crate::{OutputFormat, SubmitRequest, TrawlSubmitRequest};
use serde_json::Value;
use std::fmt;

/// Spidra's limit: a batch holds at most 50 URLs.
pub const MAX_URLS_PER_BATCH: usize = 50;
/// Longer addresses are almost always pasted by mistake (and some servers refuse them).
pub const MAX_URL_LENGTH: usize = 2048;
const MAX_PROMPT_CHARS: usize = 10_000;
const MAX_COOKIE_BYTES: usize = 16 * 1024;

/// A submit request that passed every check, with URLs normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSubmit {
    pub urls: Vec<String>,
    pub prompt: Option<String>,
    pub output: OutputFormat,
    pub schema: Option<Value>,
    pub use_proxy: bool,
    pub proxy_country: Option<String>,
    pub cookies: Option<String>,
    pub screenshot: bool,
    /// Trawl addition (`renderJs`): render every page in the browser.
    pub render_js: bool,
}

/// Why a submit request was refused; the text says which input is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError(pub String);

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValidationError {}

fn refuse<T>(message: impl Into<String>) -> Result<T, ValidationError> {
    Err(ValidationError(message.into()))
}

/// Shortens what a person typed so that an error message stays readable.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// Parses one address and returns it in canonical form (lower-case host, no `#fragment`).
pub fn normalize_url(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("it is empty".to_string());
    }
    if text.len() > MAX_URL_LENGTH {
        return Err(format!(
            "it is {} characters long; the limit is {MAX_URL_LENGTH}",
            text.len()
        ));
    }
    let mut url = match url::Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(format!(
                "it has no http:// or https:// at the start (try \"https://{text}\")"
            ));
        }
        Err(e) => return Err(format!("it is not a valid web address ({e})")),
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!(
            "only http:// and https:// pages can be scraped, not {}:",
            url.scheme()
        ));
    }
    match url.host_str() {
        Some(host) if !host.is_empty() => {}
        _ => return Err("it has no host name".to_string()),
    }
    url.set_fragment(None);
    Ok(url.to_string())
}

fn validate_urls(urls: &Value) -> Result<Vec<String>, ValidationError> {
    let list = match urls {
        Value::Null => {
            return refuse(
                "The request needs \"urls\": a list of 1 to 50 web page addresses, like [\"https://example.com\"].",
            );
        }
        Value::Array(list) => list,
        _ => {
            return refuse(
                "\"urls\" must be a list of web page addresses, like [\"https://example.com\"].",
            );
        }
    };
    if list.is_empty() {
        return refuse("\"urls\" is empty: add at least one web page address.");
    }
    if list.len() > MAX_URLS_PER_BATCH {
        return refuse(format!(
            "\"urls\" has {} addresses; a batch takes at most {MAX_URLS_PER_BATCH}. Split them into several batches.",
            list.len()
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for (index, entry) in list.iter().enumerate() {
        let Some(text) = entry.as_str() else {
            return refuse(format!(
                "urls[{index}] is not text: each address must be a string like \"https://example.com\"."
            ));
        };
        match normalize_url(text) {
            Ok(url) => out.push(url),
            Err(reason) => {
                return refuse(format!(
                    "urls[{index}] {} is not a web page address: {reason}.",
                    quote(text)
                ));
            }
        }
    }
    Ok(out)
}

fn validate_output(output: Option<&Value>) -> Result<Option<OutputFormat>, ValidationError> {
    match output {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => match OutputFormat::parse(text) {
            Some(format) => Ok(Some(format)),
            None => refuse(format!(
                "\"output\" must be \"json\" or \"markdown\", not {}.",
                quote(text)
            )),
        },
        Some(_) => refuse("\"output\" must be the text \"json\" or \"markdown\"."),
    }
}

fn validate_proxy_country(country: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(country) = country.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let lower = country.to_ascii_lowercase();
    let looks_like_code = lower.len() == 2 && lower.chars().all(|c| c.is_ascii_lowercase());
    if looks_like_code || lower == "eu" || lower == "global" {
        Ok(Some(lower))
    } else {
        refuse(format!(
            "\"proxyCountry\" must be a two-letter country code such as \"de\" or \"us\", not {}.",
            quote(country)
        ))
    }
}

/// Checks a submit request. A `schema` forces json output; the schema's own JSON Schema
/// validity is checked by the server, which owns the validator.
pub fn validate_submit(request: &SubmitRequest) -> Result<ValidSubmit, ValidationError> {
    let urls = validate_urls(&request.urls)?;
    let requested_output = validate_output(request.output.as_ref())?;
    let schema = match &request.schema {
        None | Some(Value::Null) => None,
        Some(Value::Object(map)) if map.is_empty() => None,
        Some(schema @ Value::Object(_)) => Some(schema.clone()),
        Some(_) => {
            return refuse(
                "\"schema\" must be a JSON Schema object, like {\"type\":\"object\",\"properties\":{\"price\":{\"type\":\"number\"}}}.",
            );
        }
    };
    let output = if schema.is_some() {
        OutputFormat::Json
    } else {
        requested_output.unwrap_or_default()
    };
    let prompt = request
        .prompt
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    if let Some(prompt) = &prompt
        && prompt.chars().count() > MAX_PROMPT_CHARS
    {
        return refuse(format!(
            "\"prompt\" is {} characters long; keep it under {MAX_PROMPT_CHARS}.",
            prompt.chars().count()
        ));
    }
    let cookies = request
        .cookies
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(cookies) = &cookies {
        if cookies.len() > MAX_COOKIE_BYTES {
            return refuse(format!(
                "\"cookies\" is {} bytes long; the limit is {MAX_COOKIE_BYTES}.",
                cookies.len()
            ));
        }
        if cookies.chars().any(|c| c.is_control()) {
            return refuse(
                "\"cookies\" must be one line of name=value pairs separated by \"; \" (no line breaks).",
            );
        }
    }
    let use_proxy = request.use_proxy.unwrap_or(false);
    let proxy_country = validate_proxy_country(request.proxy_country.as_deref())?;
    Ok(ValidSubmit {
        urls,
        prompt,
        output,
        schema,
        use_proxy: use_proxy || proxy_country.is_some(),
        proxy_country,
        cookies,
        screenshot: request.screenshot.unwrap_or(false),
        render_js: false,
    })
}

/// Checks a submit body with Trawl's additions (see [`crate::TrawlSubmitOptions`]).
pub fn validate_trawl_submit(body: &TrawlSubmitRequest) -> Result<ValidSubmit, ValidationError> {
    let mut valid = validate_submit(&body.request)?;
    valid.render_js = match &body.options.render_js {
        None | Some(Value::Null) => false,
        Some(Value::Bool(render)) => *render,
        Some(other) => {
            return refuse(format!("\"renderJs\" must be true or false, not {other}."));
        }
    };
    Ok(valid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(body: Value) -> SubmitRequest {
        serde_json::from_value(body).unwrap()
    }

    fn message(body: Value) -> String {
        validate_submit(&request(body)).unwrap_err().0
    }

    #[test]
    fn accepts_a_plain_batch_and_defaults_to_json() {
        let valid = validate_submit(&request(json!({
            "urls": ["https://Example.com/a#top", "http://shop.test/p?id=1"],
            "prompt": "  product name, price  "
        })))
        .unwrap();
        assert_eq!(
            valid.urls,
            vec!["https://example.com/a", "http://shop.test/p?id=1"]
        );
        assert_eq!(valid.output, OutputFormat::Json);
        assert_eq!(valid.prompt.as_deref(), Some("product name, price"));
        assert!(!valid.screenshot);
    }

    #[test]
    fn refuses_missing_and_empty_url_lists() {
        assert!(message(json!({"prompt": "x"})).contains("needs \"urls\""));
        assert!(message(json!({"urls": []})).contains("\"urls\" is empty"));
        assert!(message(json!({"urls": "https://a.test"})).contains("must be a list"));
    }

    #[test]
    fn refuses_more_than_fifty_urls_with_the_count() {
        let urls: Vec<String> = (0..51).map(|i| format!("https://a.test/{i}")).collect();
        let text = message(json!({ "urls": urls }));
        assert!(text.contains("51 addresses"), "{text}");
        assert!(text.contains("at most 50"), "{text}");
    }

    #[test]
    fn names_the_bad_url_and_its_position() {
        let text = message(json!({"urls": ["https://ok.test", "ftp://files.test/x"]}));
        assert!(text.starts_with("urls[1] \"ftp://files.test/x\""), "{text}");
        assert!(text.contains("only http:// and https://"), "{text}");
        let text = message(json!({"urls": ["example.com/page"]}));
        assert!(text.contains("try \"https://example.com/page\""), "{text}");
        let text = message(json!({"urls": ["https://"]}));
        assert!(text.contains("urls[0]"), "{text}");
        let text = message(json!({"urls": [42]}));
        assert!(text.contains("urls[0] is not text"), "{text}");
    }

    #[test]
    fn a_schema_forces_json_output() {
        let valid = validate_submit(&request(json!({
            "urls": ["https://a.test"],
            "output": "markdown",
            "schema": {"type": "object", "properties": {"price": {"type": "number"}}}
        })))
        .unwrap();
        assert_eq!(valid.output, OutputFormat::Json);
        assert!(valid.schema.is_some());
    }

    #[test]
    fn refuses_unknown_output_and_non_object_schema() {
        assert!(message(json!({"urls": ["https://a.test"], "output": "xml"})).contains("\"xml\""));
        assert!(
            message(json!({"urls": ["https://a.test"], "schema": "price"}))
                .contains("must be a JSON Schema object")
        );
    }

    #[test]
    fn proxy_country_must_be_a_country_code() {
        let valid = validate_submit(&request(
            json!({"urls": ["https://a.test"], "proxyCountry": "DE"}),
        ))
        .unwrap();
        assert_eq!(valid.proxy_country.as_deref(), Some("de"));
        assert!(valid.use_proxy);
        assert!(
            message(json!({"urls": ["https://a.test"], "proxyCountry": "Germany"}))
                .contains("two-letter country code")
        );
    }

    #[test]
    fn render_js_must_be_true_or_false() {
        let body = |render: Value| -> TrawlSubmitRequest {
            serde_json::from_value(json!({"urls": ["https://a.test"], "renderJs": render})).unwrap()
        };
        assert!(validate_trawl_submit(&body(json!(true))).unwrap().render_js);
        assert!(
            !validate_trawl_submit(&body(json!(false)))
                .unwrap()
                .render_js
        );
        assert!(!validate_trawl_submit(&body(Value::Null)).unwrap().render_js);
        let text = validate_trawl_submit(&body(json!("yes"))).unwrap_err().0;
        assert_eq!(text, "\"renderJs\" must be true or false, not \"yes\".");
        assert!(
            !validate_submit(&request(json!({"urls": ["https://a.test"]})))
                .unwrap()
                .render_js
        );
    }

    #[test]
    fn cookies_with_line_breaks_are_refused() {
        let text = message(json!({"urls": ["https://a.test"], "cookies": "a=1\r\nX-Evil: 1"}));
        assert!(text.contains("no line breaks"), "{text}");
    }
}
