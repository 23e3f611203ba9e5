//! Prints what the extractor sees in a saved page, for working on the rules:
//!
//!     cargo run --release -p trawl-extract --example page_data -- page.html https://example.com/page [schema.json]
//!
//! Without a schema it prints the page data (JSON-LD, meta tags, labels, lists, tables…);
//! with one, the filled result.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(address)) = (args.first(), args.get(1)) else {
        eprintln!("usage: page_data PAGE.html URL [SCHEMA.json]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let html = trawl_extract::decode_html(&bytes, None);
    let url = url::Url::parse(address).expect("a valid URL");
    let page = trawl_extract::page_data(&html, &url, 200);
    let out = match args.get(2) {
        Some(schema) => {
            let text = std::fs::read_to_string(schema).expect("a readable schema file");
            let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
            trawl_extract::fill_schema(&schema, &page)
        }
        None => page,
    };
    println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
}
