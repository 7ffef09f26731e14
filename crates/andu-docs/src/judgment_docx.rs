//! The drafted 民事判决书 as a .docx, built from code with docx-rs (issue #4: documents generated from code rather
//! than from a template). The layout is the one [`layout`](crate::layout) gives the built-in templates (domain.md §5):
//!
//! * A4 (11906 × 16838 twips); margins top 3.7 cm (2098), bottom 3.5 cm (1984), left 2.8 cm (1587), right 2.6 cm
//!   (1474); footer 2.3 cm from the edge.
//! * 22 lines × 28 characters a page. Lines: the `docGrid` of the built-in templates (type `lines`, pitch 28.95 pt
//!   = 579 twips) and an exact 28.95 pt line for every paragraph, titles included (a taller title would be
//!   snapped to two grid lines). Characters: the text is condensed by 0.25 pt (`w:spacing w:val="-5"` in the
//!   default run properties), so a 三号 character advances 15.75 pt and 28 fit the 442.25 pt text width (at 16 pt
//!   only 27 do). The grid Word's 公文 templates use instead (`linesAndChars` with `charSpace` −842, a 15.79 pt
//!   character pitch) was tried and rejected: LibreOffice 7.4 gives each 16 pt character two such cells (11 to 15
//!   characters a line, measured), whereas character spacing is plain run formatting every renderer applies.
//! * Court name and document name 二号 (22 pt) 方正小标宋简体, centred; 案号 and body 三号 (16 pt) 仿宋_GB2312
//!   (Times New Roman for Latin text and digits); 案号 right-aligned; body paragraphs justified with a first-line
//!   indent of two characters; 判决主文 items numbered 一、二、… when there is more than one; the 落款 right-aligned,
//!   two characters in from the margin, kept on one page; page numbers `— 1 —` (a PAGE field) in 四号宋体, right
//!   on odd pages and left on even pages, one character in from the margin.
//! * Fonts are in the styles (`文书标题`, `案号`, `正文缩进`, `落款`), so a court can restyle the file in Word. The
//!   fallbacks are in `fontTable.xml` (`w:altName`: 仿宋 for 仿宋_GB2312, 宋体 for 方正小标宋简体).
//!
//! # What docx-rs 0.4.22 writes, and what is changed after it
//!
//! The XML docx-rs emits was checked part by part (`word/document.xml`, `styles.xml`, `settings.xml`,
//! `footer*.xml`, `fontTable.xml`, `docProps/core.xml`; `tests/docs/judgment.rs` pins it). Content is right
//! (page size, margins, grid, fonts, sizes, spacing, indents, alignment, the PAGE field, even/odd footers), but:
//!
//! * **Element order breaks the schema** (the ECMA-376 sequences; Word can ignore or reject an element out of
//!   place, and neither Word nor WPS was available to try):
//!   in `w:pPr` an empty `w:rPr` comes first and `w:pStyle` after it, `w:jc` before `w:ind`/`w:spacing`, and
//!   `w:snapToGrid`/`w:keepNext` last; in `w:rPr` `w:sz` comes before `w:rFonts` (reported to make Word ignore the
//!   fonts: DonnC/docxtpl#12); in `w:style` `w:rPr` comes before `w:pPr`, and `w:basedOn` last; in `w:sectPr`
//!   `w:pgSz`/`w:pgMar` come before the `w:footerReference`s and `w:docGrid` before them too; in `w:settings`
//!   `w:defaultTabStop` precedes `w:zoom` and `w:evenAndOddHeaders` follows `w:compat` (dropped, it would put the
//!   odd-page footer on every page). [`schema_order`] re-sorts the children of exactly these containers
//!   into schema order. It moves elements only (attributes, text and everything else are kept byte for byte).
//! * **`fontTable.xml` is fixed** (Times New Roman, Symbol, Arial) whatever the document uses: it is replaced by
//!   the table of the fonts used here, with their fallbacks.
//! * **`settings.xml` has no `w:characterSpacingControl`** outside `w:compat` (docx-rs's setter writes it inside
//!   `w:compat`, where it is invalid): `compressPunctuation`, as Word and WPS write for Chinese documents, is
//!   added at its place. The compat options docx-rs writes (`useFELayout`, `balanceSingleByteDoubleByteWidth`, …,
//!   `compatibilityMode` 15) are those Word writes for East Asian documents and are kept.
//! * **`docProps/core.xml`** says creator `unknown` and has no title: it is replaced (title, creator 案牍 Andu, no
//!   dates, so the same judgment gives the same bytes).
//! * **Zip entries are Stored, with the build time**: the package is rewritten deflated (about 5× smaller) with a
//!   fixed timestamp and without directory entries.
//!
//! Not usable from docx-rs: `w:firstLineChars` (dropped on write), so the two-character indent is in twips (two
//! characters, 630); the `PageNum` helper (its run has no font or size), so the PAGE field is built from
//! `fldChar`/`instrText` runs.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::cn::number_cn;

/// A 民事判决书 ready to lay out: the parts in document order. The caller decides the text (the late-payment
/// warning, "判决如下："); this module decides the look and numbers the items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judgment {
    /// The document's title property (File → Properties), e.g. `民事判决书（（2025）粤0309民初1234号）`.
    pub title: String,
    /// 深圳市龙华区人民法院.
    pub court: String,
    /// 民事判决书.
    pub name: String,
    /// （2025）粤0309民初1234号.
    pub case_no: String,
    /// 首部 to 本院认为, ending with "判决如下：": one indented paragraph each.
    pub body: Vec<String>,
    /// 判决主文: numbered 一、二、… when there are two or more.
    pub items: Vec<String>,
    /// After the items: the late-payment warning, 诉讼费负担, 上诉告知.
    pub after_items: Vec<String>,
    /// 落款, line by line; an empty line is kept as an empty line (space for the seal).
    pub signature: Vec<String>,
    /// 附：本判决适用的法律条文 (heading, law names, articles), one paragraph a line, from a new page after the 落款;
    /// empty for none.
    pub appendix: Vec<String>,
}

/// Page and grid, in twips (see the module documentation).
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN_TOP: i32 = 2098;
pub const MARGIN_BOTTOM: i32 = 1984;
pub const MARGIN_LEFT: i32 = 1587;
pub const MARGIN_RIGHT: i32 = 1474;
/// 28.95 pt: 22 lines in the 22.5 cm text height.
pub const LINE_PITCH: usize = 579;
/// Character spacing of the text in twips (−0.25 pt): 28 三号 characters a line in the 15.6 cm text width.
pub const CONDENSED: i32 = -5;

/// Two characters (2 × 15.75 pt): the first-line indent and the 落款's distance from the margin.
const TWO_CHARS: i32 = 630;
const BODY_FONT: &str = "仿宋_GB2312";
const TITLE_FONT: &str = "方正小标宋简体";
const LATIN_FONT: &str = "Times New Roman";
const FOOTER_FONT: &str = "宋体";

fn styles(docx: Docx) -> Docx {
    let exact = || LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_PITCH as i32);
    let mut title = Style::new("CourtTitle", StyleType::Paragraph)
        .name("文书标题")
        .based_on("Normal")
        .next("Normal")
        .fonts(RunFonts::new().ascii(TITLE_FONT).east_asia(TITLE_FONT).hi_ansi(TITLE_FONT))
        .size(44)
        .snap_to_grid(false)
        .line_spacing(exact())
        .align(AlignmentType::Center);
    title.paragraph_property = title.paragraph_property.keep_next(true);
    // Titles at their natural width: the condensing is for the body's 28 characters.
    title.run_property = title.run_property.spacing(0);
    let case_no = Style::new("CaseNumber", StyleType::Paragraph)
        .name("案号")
        .based_on("Normal")
        .next("Normal")
        .align(AlignmentType::Right);
    let body = Style::new("BodyIndent", StyleType::Paragraph)
        .name("正文缩进")
        .based_on("Normal")
        .indent(None, Some(SpecialIndentType::FirstLine(TWO_CHARS)), None, None)
        .align(AlignmentType::Both);
    let mut closing = Style::new("Closing", StyleType::Paragraph)
        .name("落款")
        .based_on("Normal")
        .indent(None, None, Some(TWO_CHARS), None)
        .align(AlignmentType::Right);
    closing.paragraph_property = closing.paragraph_property.keep_next(true).keep_lines(true);
    let footer = Style::new("Footer", StyleType::Paragraph)
        .name("footer")
        .based_on("Normal")
        .ui_priority(99)
        .unhide_when_used()
        .size(28)
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240));
    docx.default_fonts(RunFonts::new().ascii(LATIN_FONT).east_asia(BODY_FONT).hi_ansi(LATIN_FONT).cs(LATIN_FONT))
        .default_size(32)
        .default_spacing(CONDENSED)
        .default_line_spacing(exact())
        .add_style(title.q_format(true))
        .add_style(case_no.q_format(true))
        .add_style(body.q_format(true))
        .add_style(closing.q_format(true))
        .add_style(footer)
}

/// A paragraph of one run. Tabs become `w:tab`; other control characters, which XML 1.0 cannot carry, are dropped.
fn para(style: &str, text: &str) -> Paragraph {
    let p = Paragraph::new().style(style);
    if text.is_empty() {
        return p;
    }
    let mut run = Run::new();
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            run = run.add_tab();
        }
        let clean: String = piece.chars().filter(|c| *c >= ' ' && *c != '\u{FFFE}' && *c != '\u{FFFF}').collect();
        if !clean.is_empty() {
            run = run.add_text(clean);
        }
    }
    p.add_run(run)
}

/// `— N —` with a PAGE field; odd pages right, even pages left, one 四号 character (14 pt) in from the margin.
fn page_number_footer(odd: bool) -> Footer {
    let run =
        || Run::new().fonts(RunFonts::new().ascii(FOOTER_FONT).east_asia(FOOTER_FONT).hi_ansi(FOOTER_FONT)).size(28);
    let p = Paragraph::new().style("Footer");
    let p = if odd {
        p.indent(None, None, Some(280), None).align(AlignmentType::Right)
    } else {
        p.indent(Some(280), None, None, None).align(AlignmentType::Left)
    };
    Footer::new().add_paragraph(
        p.add_run(run().add_text("— "))
            .add_run(run().add_field_char(FieldCharType::Begin, false))
            .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(run().add_field_char(FieldCharType::Separate, false))
            .add_run(run().add_text("1"))
            .add_run(run().add_field_char(FieldCharType::End, false))
            .add_run(run().add_text(" —")),
    )
}

impl Judgment {
    /// The docx-rs document, before the fixes of [`Judgment::to_docx`].
    pub fn docx(&self) -> Docx {
        let mut docx = styles(Docx::new())
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN_TOP)
                    .bottom(MARGIN_BOTTOM)
                    .left(MARGIN_LEFT)
                    .right(MARGIN_RIGHT)
                    .header(851)
                    .footer(1304)
                    .gutter(0),
            )
            .footer(page_number_footer(true))
            .even_footer(page_number_footer(false));
        docx.document = docx.document.doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(LINE_PITCH));
        docx = docx
            .add_paragraph(para("CourtTitle", &self.court))
            .add_paragraph(para("CourtTitle", &self.name))
            .add_paragraph(para("CaseNumber", &self.case_no));
        for t in &self.body {
            docx = docx.add_paragraph(para("BodyIndent", t));
        }
        let numbered = self.items.len() > 1;
        for (i, item) in self.items.iter().enumerate() {
            let text = if numbered { format!("{}、{item}", number_cn(i as u64 + 1)) } else { item.clone() };
            docx = docx.add_paragraph(para("BodyIndent", &text));
        }
        for t in &self.after_items {
            docx = docx.add_paragraph(para("BodyIndent", t));
        }
        docx = docx.add_paragraph(Paragraph::new());
        for l in &self.signature {
            docx = docx.add_paragraph(para("Closing", l.trim()));
        }
        // The heading and the law names flush left, the articles indented like the body; a page of its own.
        for (i, l) in self.appendix.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).enumerate() {
            let heading = i == 0 || (l.starts_with('《') && l.ends_with('》'));
            let p = para(if heading { "Normal" } else { "BodyIndent" }, l);
            docx = docx.add_paragraph(if i == 0 { p.page_break_before(true) } else { p });
        }
        docx
    }

    /// The .docx package: docx-rs's parts with the fixes listed in the module documentation, deflated, with fixed
    /// timestamps (the same judgment gives the same bytes).
    pub fn to_docx(&self) -> Vec<u8> {
        let mut raw = Cursor::new(Vec::new());
        // Writing to memory cannot fail.
        self.docx().build().pack(&mut raw).expect("docx-rs pack");
        postprocess(&raw.into_inner(), &self.title)
    }
}

/// Schema order (ECMA-376 Part 1, transitional) of the children of the containers docx-rs writes out of order.
/// Only the elements that can occur are needed; an element not listed keeps its place relative to the others and
/// goes after the listed ones.
fn child_order(container: &str) -> Option<&'static [&'static str]> {
    Some(match container {
        // CT_PPr (paragraphs, styles, pPrDefault).
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        // CT_RPr / CT_ParaRPr.
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        // CT_Style.
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        // CT_SectPr: header and footer references first, in any order among themselves.
        "w:sectPr" => &[
            "w:headerReference|w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        // CT_Settings (the elements before w:compat that docx-rs or this module write, then the rest).
        "w:settings" => &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:mirrorMargins",
            "w:gutterAtTop",
            "w:proofState",
            "w:attachedTemplate",
            "w:documentProtection",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:evenAndOddHeaders",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:characterSpacingControl",
            "w:updateFields",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "m:mathPr",
            "w:themeFontLang",
            "w:clrSchemeMapping",
            "w:shapeDefaults",
            "w:decimalSymbol",
            "w:listSeparator",
            "w14:docId",
            "w15:chartTrackingRefBased",
            "w15:docId",
        ],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        _ => return None,
    })
}

fn rank(order: &[&str], name: &str) -> usize {
    order.iter().position(|o| o.split('|').any(|n| n == name)).unwrap_or(order.len())
}

/// An XML tree that keeps every tag as written: only the order of children changes on the way back out.
enum Node<'a> {
    Raw(&'a str),
    Element { name: String, open: &'a str, children: Vec<Node<'a>>, close: &'a str },
}

fn parse(xml: &str) -> Option<Vec<Node<'_>>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    // (name, open tag, children) of the elements being read; the bottom entry collects the top level.
    let mut stack: Vec<(String, &str, Vec<Node<'_>>)> = vec![(String::new(), "", Vec::new())];
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let raw = &xml[start..reader.buffer_position() as usize];
        match event {
            Event::Start(e) => stack.push((e.name().as_ref().to_string(), raw, Vec::new())),
            Event::End(_) => {
                let (name, open, children) = stack.pop()?;
                stack.last_mut()?.2.push(Node::Element { name, open, children, close: raw });
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                stack.last_mut()?.2.push(Node::Element { name, open: raw, children: Vec::new(), close: "" });
            }
            Event::Eof => break,
            _ => stack.last_mut()?.2.push(Node::Raw(raw)),
        }
    }
    (stack.len() == 1).then(|| stack.pop().map(|s| s.2)).flatten()
}

fn write(nodes: &mut [Node<'_>], parent: &str, out: &mut String) {
    if let Some(order) = child_order(parent)
        && nodes.iter().all(|n| matches!(n, Node::Element { .. }))
    {
        nodes.sort_by_key(|n| match n {
            Node::Element { name, .. } => rank(order, name),
            Node::Raw(_) => 0,
        });
    }
    for n in nodes {
        match n {
            Node::Raw(s) => out.push_str(s),
            Node::Element { name, open, children, close } => {
                out.push_str(open);
                write(children, name, out);
                out.push_str(close);
            }
        }
    }
}

/// `xml` with the children of `w:pPr`, `w:rPr`, `w:style`, `w:sectPr`, `w:settings` and `w:docDefaults` in schema
/// order (a stable sort: elements of the same rank keep their order). Tags, attributes and text are copied as
/// written. XML this cannot parse is returned unchanged.
pub fn schema_order(xml: &str) -> String {
    let Some(mut nodes) = parse(xml) else { return xml.to_string() };
    let mut out = String::with_capacity(xml.len());
    write(&mut nodes, "", &mut out);
    out
}

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The fonts the judgment uses, with the fallbacks Word and WPS use when a court PC lacks the 方正/GB2312 fonts.
fn font_table_xml() -> String {
    format!(
        "{DECL}<w:fonts xmlns:w=\"{W}\">\
<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:panose1 w:val=\"02010600030101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>\
</w:fonts>"
    )
}

fn escape(s: &str) -> String {
    s.chars().filter(|c| *c >= ' ').fold(String::with_capacity(s.len()), |mut out, c| {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
        out
    })
}

fn core_xml(title: &str) -> String {
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>案牍 Andu</dc:creator></cp:coreProperties>",
        escape(title)
    )
}

/// Adds `w:characterSpacingControl` (compressPunctuation) to docx-rs's settings; [`schema_order`] puts it in
/// place.
fn settings_xml(xml: &str) -> String {
    let xml = if xml.contains("w:characterSpacingControl") {
        xml.to_string()
    } else {
        xml.replacen("<w:compat>", "<w:characterSpacingControl w:val=\"compressPunctuation\" /><w:compat>", 1)
    };
    schema_order(&xml)
}

/// Rewrites docx-rs's package: the fixed parts replaced, the parts with properties put in schema order, every
/// entry deflated with a fixed timestamp, directory entries left out.
fn postprocess(raw: &[u8], title: &str) -> Vec<u8> {
    // docx-rs's own zip, read back in memory: cannot fail.
    let mut archive = ZipArchive::new(Cursor::new(raw)).expect("docx-rs zip");
    let time = DateTime::from_date_and_time(2024, 1, 1, 0, 0, 0).expect("valid date");
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("docx-rs zip entry");
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().expect("docx-rs zip entry name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("docx-rs zip entry");
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        let bytes = match name.as_str() {
            "word/fontTable.xml" => font_table_xml().into_bytes(),
            "docProps/core.xml" => core_xml(title).into_bytes(),
            "word/settings.xml" => settings_xml(&text()).into_bytes(),
            "word/document.xml" | "word/styles.xml" => schema_order(&text()).into_bytes(),
            n if n.starts_with("word/footer") && n.ends_with(".xml") => schema_order(&text()).into_bytes(),
            _ => bytes,
        };
        out.start_file(name, options).expect("zip entry");
        out.write_all(&bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}
