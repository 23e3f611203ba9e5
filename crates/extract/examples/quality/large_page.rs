//! The generated "5 MB page" of the quality benchmark (an annual report of repeated
//! sections), shared with the parser's timing tests.

use std::fmt::Write as _;

/// A well-formed report page of at least `bytes` bytes.
pub fn large_page(bytes: usize) -> String {
    let mut html = String::from(
        "<!doctype html><html><head><meta charset=utf-8><title>Big page</title></head><body>\
         <nav><a href=/>Home</a><a href=/a>About</a></nav><main><h1>Annual report</h1>",
    );
    let mut section = 0;
    while html.len() < bytes {
        section += 1;
        let _ = write!(
            html,
            "<section><h2>Section {section}</h2><p>Revenue grew in region {section} thanks to \
             <a href=\"/r/{section}\">new partners</a> and <em>steady</em> demand across all \
             product lines during the year.</p><ul><li>Point one of {section}</li>\
             <li>Point two with <strong>bold</strong> text</li></ul><table><tr><th>Q</th>\
             <th>Amount</th></tr><tr><td>Q1</td><td>{section}00</td></tr></table>\
             <div class=\"share\">Share this</div></section>"
        );
    }
    html.push_str("</main><footer>Footer text</footer></body></html>");
    html
}
