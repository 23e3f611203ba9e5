//! A fast, forgiving HTML parser that builds the same `scraper::Html` tree as html5ever
//! (the tree the whole crate walks) in about a third of the time.
//!
//! It follows the HTML standard's tokenizer and tree construction wherever the resulting
//! tree could differ (implied and misnested tags, formatting elements, tables and foster
//! parenting, templates, raw-text elements, SVG/MathML), but skips what only a browser
//! needs: parse-error reporting, scripting, encoding sniffing. `equivalence.rs` checks that
//! every corpus page gets html5ever's exact tree, `tests.rs` the tricky cases.

mod body;
#[cfg(test)]
mod breakdown;
mod char_ref;
#[cfg(test)]
mod equivalence;
mod foreign;
mod formatting;
mod modes;
mod names;
mod raw_text;
mod table_modes;
#[cfg(test)]
mod tests;
mod tokenizer;
mod tree;

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::QuirksMode;
use scraper::{Html, Node};

/// (name, html, url) of every corpus and unseen page, for tests elsewhere in the crate.
#[cfg(test)]
pub(crate) fn corpus_pages() -> Vec<(String, String, url::Url)> {
    equivalence::corpus()
}

/// Parses a whole document.
pub(crate) fn parse_document(html: &str) -> Html {
    // Line breaks are normalised once, up front (`\r\n` and `\r` become `\n`).
    // (The `memchr` crate's search: several times faster than `str::contains` on a large page.)
    let src: Cow<'_, str> = if memchr::memchr(b'\r', html.as_bytes()).is_some() {
        Cow::Owned(html.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(html)
    };
    let mut builder = tree::Builder::new(&src);
    builder.run();
    let mut doc = Html::new_document();
    doc.quirks_mode = builder.quirks;
    doc.tree = builder.tree;
    doc
}

fn append_doctype(builder: &mut tree::Builder<'_>, doctype: tokenizer::Doctype) {
    let tendril = |s: Option<String>| StrTendril::from_slice(s.as_deref().unwrap_or(""));
    let node = Node::Doctype(scraper::node::Doctype {
        name: tendril(doctype.name),
        public_id: tendril(doctype.public_id),
        system_id: tendril(doctype.system_id),
    });
    builder.tree.root_mut().append(node);
}

/// Public identifiers (lowercased prefixes) of doctypes that put a page in quirks mode.
const QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer ",
    "-//netscape comm. corp.//dtd ",
    "-//o'reilly and associates//dtd html ",
    "-//softquad software//dtd hotmetal pro ",
    "-//softquad//dtd hotmetal pro ",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//sun microsystems corp.//dtd hotjava ",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental ",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html",
];

/// The quirks mode a doctype selects (only full quirks changes the tree: `<p><table>`).
fn quirks(doctype: &tokenizer::Doctype) -> QuirksMode {
    if doctype.force_quirks || doctype.name.as_deref() != Some("html") {
        return QuirksMode::Quirks;
    }
    let public = doctype.public_id.as_deref().map(str::to_ascii_lowercase);
    let system = doctype.system_id.as_deref().map(str::to_ascii_lowercase);
    let quirky = match public.as_deref() {
        Some(
            "-//w3o//dtd w3 html strict 3.0//en//" | "-/w3c/dtd html 4.0 transitional/en" | "html",
        ) => true,
        Some(p) if QUIRKY_PUBLIC_PREFIXES.iter().any(|q| p.starts_with(q)) => true,
        Some(p)
            if system.is_none()
                && (p.starts_with("-//w3c//dtd html 4.01 frameset//")
                    || p.starts_with("-//w3c//dtd html 4.01 transitional//")) =>
        {
            true
        }
        _ => {
            system.as_deref() == Some("http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd")
        }
    };
    if quirky {
        QuirksMode::Quirks
    } else {
        QuirksMode::NoQuirks
    }
}
