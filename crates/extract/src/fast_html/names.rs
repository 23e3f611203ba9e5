//! Interned names without hashing for the names nearly every page uses: `LocalName::from`
//! hashes the string to find html5ever's static atom, which a plain `match` beats.

use html5ever::{LocalName, local_name};

/// The atom for an (already lowercased) element or attribute name.
pub(super) fn local(name: &str) -> LocalName {
    match name {
        "a" => local_name!("a"),
        "b" => local_name!("b"),
        "i" => local_name!("i"),
        "p" => local_name!("p"),
        "br" => local_name!("br"),
        "dd" => local_name!("dd"),
        "dl" => local_name!("dl"),
        "dt" => local_name!("dt"),
        "em" => local_name!("em"),
        "h1" => local_name!("h1"),
        "h2" => local_name!("h2"),
        "h3" => local_name!("h3"),
        "h4" => local_name!("h4"),
        "hr" => local_name!("hr"),
        "id" => local_name!("id"),
        "li" => local_name!("li"),
        "ol" => local_name!("ol"),
        "td" => local_name!("td"),
        "th" => local_name!("th"),
        "tr" => local_name!("tr"),
        "ul" => local_name!("ul"),
        "alt" => local_name!("alt"),
        "div" => local_name!("div"),
        "img" => local_name!("img"),
        "nav" => local_name!("nav"),
        "pre" => local_name!("pre"),
        "rel" => local_name!("rel"),
        "src" => local_name!("src"),
        "svg" => local_name!("svg"),
        "body" => local_name!("body"),
        "code" => local_name!("code"),
        "form" => local_name!("form"),
        "head" => local_name!("head"),
        "href" => local_name!("href"),
        "html" => local_name!("html"),
        "lang" => local_name!("lang"),
        "link" => local_name!("link"),
        "main" => local_name!("main"),
        "meta" => local_name!("meta"),
        "name" => local_name!("name"),
        "path" => local_name!("path"),
        "role" => local_name!("role"),
        "span" => local_name!("span"),
        "time" => local_name!("time"),
        "type" => local_name!("type"),
        "class" => local_name!("class"),
        "input" => local_name!("input"),
        "label" => local_name!("label"),
        "small" => local_name!("small"),
        "style" => local_name!("style"),
        "table" => local_name!("table"),
        "tbody" => local_name!("tbody"),
        "thead" => local_name!("thead"),
        "title" => local_name!("title"),
        "value" => local_name!("value"),
        "width" => local_name!("width"),
        "button" => local_name!("button"),
        "figure" => local_name!("figure"),
        "footer" => local_name!("footer"),
        "header" => local_name!("header"),
        "height" => local_name!("height"),
        "option" => local_name!("option"),
        "script" => local_name!("script"),
        "source" => local_name!("source"),
        "strong" => local_name!("strong"),
        "target" => local_name!("target"),
        "article" => local_name!("article"),
        "charset" => local_name!("charset"),
        "content" => local_name!("content"),
        "section" => local_name!("section"),
        "itemprop" => local_name!("itemprop"),
        "property" => local_name!("property"),
        "datetime" => local_name!("datetime"),
        _ => LocalName::from(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_names_are_the_interned_ones() {
        for name in [
            "a", "div", "class", "itemprop", "datetime", "x-custom", "data-id",
        ] {
            assert_eq!(local(name), LocalName::from(name));
        }
    }
}
