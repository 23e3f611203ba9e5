//! Foreign content (`<svg>`, `<math>`): when its rules apply, how tags inside it are
//! inserted or break out of it, and the standard's name fixes (`clippath` → `clipPath`,
//! `viewbox` → `viewBox`, namespaced `xlink:`/`xml:`/`xmlns` attributes), as html5ever
//! applies them.

use html5ever::{LocalName, Namespace, Prefix, QualName, namespace_prefix, ns};

use super::modes::Flow::{self, Again, Done};
use super::tokenizer::Token;
use super::tree::{Builder, Ns, is_space_only};

/// Start tags that end foreign content (`<svg><p>` leaves the SVG).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

impl<'a> Builder<'a> {
    pub(super) fn foreign_rules_apply(&self, token: &Token<'a>) -> bool {
        let Some(current) = self.current() else {
            return false;
        };
        if current.ns == Ns::Html {
            return false;
        }
        let text_point =
            current.ns == Ns::Math && matches!(&*current.name, "mi" | "mo" | "mn" | "ms" | "mtext");
        match token {
            Token::Eof => false,
            Token::Text(_) => !(text_point || current.html_point),
            Token::Start(tag) => {
                if text_point && tag.name != "mglyph" && tag.name != "malignmark" {
                    return false;
                }
                if current.ns == Ns::Math && &*current.name == "annotation-xml" && tag.name == "svg"
                {
                    return false;
                }
                !current.html_point
            }
            _ => true,
        }
    }

    pub(super) fn in_foreign(&mut self, token: Token<'a>) -> Flow<'a> {
        match token {
            Token::Text(text) => {
                if !is_space_only(&text) {
                    self.frameset_ok = false;
                }
                self.insert_text(&text);
            }
            Token::Comment(text) => self.insert_comment(&text),
            Token::Doctype(_) => {}
            Token::Start(tag) => {
                let breakout = BREAKOUT.contains(&&*tag.name)
                    || (tag.name == "font"
                        && tag
                            .attrs
                            .iter()
                            .any(|a| matches!(&*a.name.local, "color" | "face" | "size")));
                if breakout {
                    while let Some(current) = self.current() {
                        if current.ns == Ns::Html
                            || current.html_point
                            || (current.ns == Ns::Math
                                && matches!(&*current.name, "mi" | "mo" | "mn" | "ms" | "mtext"))
                        {
                            break;
                        }
                        self.pop();
                    }
                    return Again(Token::Start(tag));
                }
                let ns = self.current().map_or(Ns::Html, |o| o.ns);
                self.insert(&tag.name, tag.attrs, ns);
                if tag.self_closing {
                    self.pop();
                }
            }
            Token::End(name) => {
                if name == "br" || name == "p" {
                    while let Some(current) = self.current() {
                        if current.ns == Ns::Html || current.html_point {
                            break;
                        }
                        self.pop();
                    }
                    return Again(Token::End(name));
                }
                let mut i = self.stack.len();
                while i > 1 {
                    i -= 1;
                    let open = &self.stack[i];
                    if open.ns != Ns::Html && (*open.name).eq_ignore_ascii_case(&name) {
                        self.stack.truncate(i);
                        return Done;
                    }
                    if self.stack[i - 1].ns == Ns::Html {
                        let mode = self.mode;
                        return self.step(mode, Token::End(name));
                    }
                }
            }
            Token::Eof => {}
        }
        Done
    }
}

/// The SVG spelling of a lowercased element name.
pub(super) fn svg_tag_name(name: &str) -> &str {
    match name {
        "altglyph" => "altGlyph",
        "altglyphdef" => "altGlyphDef",
        "altglyphitem" => "altGlyphItem",
        "animatecolor" => "animateColor",
        "animatemotion" => "animateMotion",
        "animatetransform" => "animateTransform",
        "clippath" => "clipPath",
        "feblend" => "feBlend",
        "fecolormatrix" => "feColorMatrix",
        "fecomponenttransfer" => "feComponentTransfer",
        "fecomposite" => "feComposite",
        "feconvolvematrix" => "feConvolveMatrix",
        "fediffuselighting" => "feDiffuseLighting",
        "fedisplacementmap" => "feDisplacementMap",
        "fedistantlight" => "feDistantLight",
        "fedropshadow" => "feDropShadow",
        "feflood" => "feFlood",
        "fefunca" => "feFuncA",
        "fefuncb" => "feFuncB",
        "fefuncg" => "feFuncG",
        "fefuncr" => "feFuncR",
        "fegaussianblur" => "feGaussianBlur",
        "feimage" => "feImage",
        "femerge" => "feMerge",
        "femergenode" => "feMergeNode",
        "femorphology" => "feMorphology",
        "feoffset" => "feOffset",
        "fepointlight" => "fePointLight",
        "fespecularlighting" => "feSpecularLighting",
        "fespotlight" => "feSpotLight",
        "fetile" => "feTile",
        "feturbulence" => "feTurbulence",
        "foreignobject" => "foreignObject",
        "glyphref" => "glyphRef",
        "lineargradient" => "linearGradient",
        "radialgradient" => "radialGradient",
        "textpath" => "textPath",
        _ => name,
    }
}

/// The SVG spelling of a lowercased attribute name.
fn svg_attr_name(name: &str) -> &str {
    match name {
        "attributename" => "attributeName",
        "attributetype" => "attributeType",
        "basefrequency" => "baseFrequency",
        "baseprofile" => "baseProfile",
        "calcmode" => "calcMode",
        "clippathunits" => "clipPathUnits",
        "diffuseconstant" => "diffuseConstant",
        "edgemode" => "edgeMode",
        "filterunits" => "filterUnits",
        "glyphref" => "glyphRef",
        "gradienttransform" => "gradientTransform",
        "gradientunits" => "gradientUnits",
        "kernelmatrix" => "kernelMatrix",
        "kernelunitlength" => "kernelUnitLength",
        "keypoints" => "keyPoints",
        "keysplines" => "keySplines",
        "keytimes" => "keyTimes",
        "lengthadjust" => "lengthAdjust",
        "limitingconeangle" => "limitingConeAngle",
        "markerheight" => "markerHeight",
        "markerunits" => "markerUnits",
        "markerwidth" => "markerWidth",
        "maskcontentunits" => "maskContentUnits",
        "maskunits" => "maskUnits",
        "numoctaves" => "numOctaves",
        "pathlength" => "pathLength",
        "patterncontentunits" => "patternContentUnits",
        "patterntransform" => "patternTransform",
        "patternunits" => "patternUnits",
        "pointsatx" => "pointsAtX",
        "pointsaty" => "pointsAtY",
        "pointsatz" => "pointsAtZ",
        "preservealpha" => "preserveAlpha",
        "preserveaspectratio" => "preserveAspectRatio",
        "primitiveunits" => "primitiveUnits",
        "refx" => "refX",
        "refy" => "refY",
        "repeatcount" => "repeatCount",
        "repeatdur" => "repeatDur",
        "requiredextensions" => "requiredExtensions",
        "requiredfeatures" => "requiredFeatures",
        "specularconstant" => "specularConstant",
        "specularexponent" => "specularExponent",
        "spreadmethod" => "spreadMethod",
        "startoffset" => "startOffset",
        "stddeviation" => "stdDeviation",
        "stitchtiles" => "stitchTiles",
        "surfacescale" => "surfaceScale",
        "systemlanguage" => "systemLanguage",
        "tablevalues" => "tableValues",
        "targetx" => "targetX",
        "targety" => "targetY",
        "textlength" => "textLength",
        "viewbox" => "viewBox",
        "viewtarget" => "viewTarget",
        "xchannelselector" => "xChannelSelector",
        "ychannelselector" => "yChannelSelector",
        "zoomandpan" => "zoomAndPan",
        _ => name,
    }
}

/// The qualified name of an attribute on an SVG (`svg`) or MathML element.
pub(super) fn attr_name(name: &str, svg: bool) -> QualName {
    let (prefix, ns, local): (Option<Prefix>, Namespace, &str) = match name {
        "xlink:actuate" | "xlink:arcrole" | "xlink:href" | "xlink:role" | "xlink:show"
        | "xlink:title" | "xlink:type" => {
            (Some(namespace_prefix!("xlink")), ns!(xlink), &name[6..])
        }
        "xml:lang" | "xml:space" => (Some(namespace_prefix!("xml")), ns!(xml), &name[4..]),
        "xmlns" => (None, ns!(xmlns), name),
        "xmlns:xlink" => (Some(namespace_prefix!("xmlns")), ns!(xmlns), &name[6..]),
        "definitionurl" if !svg => (None, ns!(), "definitionURL"),
        _ if svg => (None, ns!(), svg_attr_name(name)),
        _ => (None, ns!(), name),
    };
    QualName::new(prefix, ns, LocalName::from(local))
}
