//! Tree-building cases where a forgiving parser easily goes wrong, each checked against
//! html5ever's tree.

use scraper::Html;

use super::equivalence::dump;
use super::parse_document;

fn assert_same_tree(html: &str) {
    let reference = dump(&Html::parse_document(html));
    let fast = dump(&parse_document(html));
    assert_eq!(fast, reference, "input: {html:?}");
}

#[test]
fn implied_end_tags_close_paragraphs_items_and_cells() {
    for html in [
        "<p>one<p>two<div>three</div>",
        "<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
        "<dl><dt>t<dd>d<dt>t2</dl>",
        "<table><tr><td>1<td>2<tr><th>3</table>",
        "<select><option>a<option>b<optgroup><option>c</select>",
        "<ruby>x<rb>a<rt>b<rp>c</ruby>",
        "<h1>a<h2>b</h1>c",
        "<p>a</p></p><p>b",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn stray_and_misnested_end_tags() {
    for html in [
        "</div><p>a</span>b</p></li>",
        "<b>bold<i>both</b>italic</i>",
        "<b>x<p>y</b>z</p>",
        "<a href=1>x<div>y<a href=2>z</a></div>",
        "<p><b><i><u>deep</p>after",
        "<b><b><b><b>four</b></b></b></b>",
        "<form><form>inner</form>after</form>",
        "<div><form></div>lost?</form>",
        "</br><br/>",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn tables_keep_misplaced_content_before_them() {
    for html in [
        "<table>text<tr><td>cell</td>more</tr><div>block</div></table>",
        "<table><caption>c<td>x</table>",
        "<table><colgroup><col><col></colgroup><tbody><tr><td>a</td></tr></tbody></table>",
        "<table><td><table><td>nested</table>after</table>",
        "<td>outside</td><tr>no table</tr>",
        "<table><form><input type=hidden><input></form></table>",
        "<p><table><tr><td>in p?</table>",
        "<!doctype html><p><table><tr><td>closes p</table>",
        "<table><tr><td><b>x</td><td>y</b></table>",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn raw_text_elements_keep_their_markup_as_text() {
    for html in [
        "<script>if (a < b) document.write('</div>');</script><p>after",
        "<script><!-- <script>x</script> --></script><p>after",
        "<style>p > a { }</style><textarea>\n<b>&amp;</b></textarea>",
        "<title>A &amp; <b>B</b></title><noscript><img src=x></noscript>",
        "<xmp><p>x</xmp><iframe><p>y</iframe><plaintext><p>rest",
        "<SCRIPT>x</SCRIPT ><p>y",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn character_references_in_text_and_attributes() {
    for html in [
        "<p>&amp; &lt; &gt; &quot; &nbsp; &eacute; &#233; &#xE9; &#150; &#0; &#x110000;</p>",
        "<p>&notit; &notin; &not &amp &ampx &copy2 &nosuch; & x &#; &#x;</p>",
        r#"<a href="?a=1&amp;b=2&copy=3&notit;&lt=4" title='&amp;&quot;'>x</a>"#,
        "<p>&AMP;&Aacute&aacute;&CounterClockwiseContourIntegral;&acE;</p>",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn tags_and_attributes_in_odd_spellings() {
    for html in [
        "<DIV CLASS=Big ID='x' data-A=\"1\" hidden>UP</Div>",
        "<a href=/x?a=b title=a/b>unquoted</a><img src=x.png/>",
        "<p id=a id=b class = c >dup</p><br/ ><input disabled=>",
        "<div =x a\"b=1 c<d=2>odd names</div>",
        "<p/>self-closing p<div/>and div",
        "<image src=x>",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn comments_doctypes_and_bogus_markup() {
    for html in [
        "<!-- a -- b --><!----><!--->x<!-- c --!>y",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>x",
        "<!doctype html system 'about:legacy-compat'>",
        "<?xml version='1.0'?><!x><p>a</ p>b",
        "a < b and c <3 d </ e",
        "<![CDATA[x]]><svg><![CDATA[<y>]]></svg>",
        "<!-- unterminated",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn head_body_and_document_structure() {
    for html in [
        "",
        "text only",
        "  <html lang=en><head><title>t</title></head>\n<body class=a><p>x</body></html>\n<!--c-->",
        "<head><meta charset=utf-8></head><link rel=x><p>x<meta name=a>",
        "<title>t</title><body><body class=b>x</body></html><p>after",
        "<html><p>x</html><html lang=fr>",
        "<template><tr><td>x</td></tr></template><p>y",
        "<body><template><p>in</p></template></body>",
        "<frameset><frame src=a></frameset>",
        "<svg viewbox='0 0 1 1'><clippath/><path d=x/><foreignobject><p>html</p></foreignobject></svg><p>after",
        // html5ever with scraper's tree sink never treats annotation-xml as an HTML
        // integration point, so `<p>` leaves it; this parser does the same.
        "<math><annotation-xml encoding=text/html><p>y</p></annotation-xml></math>",
        "<svg><p>breaks out</svg>",
        "<pre>\nfirst newline dropped</pre><listing>\n\nx</listing>",
        "a\r\nb\rc\0d",
    ] {
        assert_same_tree(html);
    }
}

#[test]
fn truncated_input_at_every_position_parses_like_html5ever() {
    let page = r#"<!doctype html><html lang=fr><head><meta charset="utf-8"><title>Été &amp; co</title>
        <script>var a = "</div>" < 3;</script></head><body><nav>x</nav><main><h1>Café <em>crème</em></h1>
        <table><tr><th>a|b</th><th>c</th></tr><tr><td colspan="9">1<td>2</table><ol><li>x<li>y</ol>
        <p>a &notit; b <b>c<i>d</b>e</i><!-- note --><a href='?a=1&copy=2'>l</a></main></body></html>"#;
    for (i, _) in page.char_indices() {
        assert_same_tree(&page[..i]);
    }
}

#[test]
fn ten_thousand_nested_elements_do_not_overflow() {
    let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
    let doc = parse_document(&html);
    assert!(doc.tree.nodes().count() > 10_000);
    let url = url::Url::parse("https://example.com/").expect("valid");
    let md = crate::html_to_markdown(&html, &url);
    assert!(md.len() < 100, "{md}");
    let _ = crate::page_data(&html, &url, 200);
    let nested_inline = "<b><i>".repeat(5_000) + "x";
    let _ = parse_document(&nested_inline);
}
