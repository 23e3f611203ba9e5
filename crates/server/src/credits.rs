//! What an item costs, in credits. Failed items cost nothing.
//!
//! | work                                   | credits |
//! |----------------------------------------|---------|
//! | fetching the page (markdown output)    | 1       |
//! | structured extraction (json output)    | +1      |
//! | rendering JavaScript in the browser    | +1      |
//! | language-model extraction (if set up)  | +1      |
//! | full-page screenshot                   | +1      |

use trawl_protocol::OutputFormat;

pub const FETCH: u32 = 1;
pub const STRUCTURED_EXTRACTION: u32 = 1;
pub const BROWSER_RENDER: u32 = 1;
pub const MODEL_CALL: u32 = 1;
pub const SCREENSHOT: u32 = 1;

/// Credits for one item that completes with the given options.
pub fn for_completed_item(output: OutputFormat, rendered: bool, screenshot_taken: bool) -> u32 {
    let mut credits = FETCH;
    if output == OutputFormat::Json {
        credits += STRUCTURED_EXTRACTION;
    }
    if rendered {
        credits += BROWSER_RENDER;
    }
    if screenshot_taken {
        credits += SCREENSHOT;
    }
    credits
}

/// What an item that never ran would have cost: refunded when it is cancelled. (Whether a
/// page needs the browser is only known once it is fetched, so that part is not refunded.)
pub fn estimate_per_item(output: OutputFormat, screenshot: bool) -> u32 {
    for_completed_item(output, false, screenshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_with_screenshot_costs_three() {
        assert_eq!(for_completed_item(OutputFormat::Json, false, true), 3);
        assert_eq!(for_completed_item(OutputFormat::Markdown, false, false), 1);
        assert_eq!(for_completed_item(OutputFormat::Markdown, true, true), 3);
    }
}
