//! Court documents built from code in the SPC layout (domain.md §5): the one writer of the built-in templates,
//! the drafted judgment ([`judgment_docx`](crate::judgment_docx)) and the benchmark. A4, margins top 3.7 / bottom 3.5 / left 2.8 / right 2.6 cm, court name and document name 二号
//! (22 pt) 方正小标宋简体 centred, 案号 and body 三号 (16 pt) 仿宋_GB2312 with a fixed 28.95 pt line, 案号
//! right-aligned, body paragraphs indented two characters, page numbers `— 1 —` in 四号宋体 (right on odd
//! pages, left on even pages, one character in from the margin).
//!
//! Every line, titles included, sits on the 22-line grid (`docGrid` pitch 28.95 pt): a taller title line would
//! be snapped to two grid lines by WPS and LibreOffice and cost a notice two of its 22 lines.
//!
//! Fonts live in the styles (`文书标题`, `案号`, `正文缩进`, `落款`, `表格文字`), so a court can restyle a template
//! in Word without touching its runs. XML elements are written in schema order (Word is strict about `rPr`).
//! Output is deterministic: fixed zip timestamps, no dates in the properties.
//!
//! The character grid ([`Grid`]): the templates keep 三号 at its natural width (27 characters a line), the
//! drafted judgment condenses the text by 0.25 pt so 28 fit (22 lines × 28 characters). The grid Word's 公文
//! templates use instead (`linesAndChars` with `charSpace` −842) was tried and rejected: LibreOffice 7.4 gives each
//! 16 pt character two such cells (11 to 15 characters a line, measured), whereas character spacing is plain run
//! formatting every renderer applies.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::render::push_text;

/// Text width between the margins, in twips (21 cm − 2.8 − 2.6 = 15.6 cm).
pub const TEXT_WIDTH: u32 = 8845;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// 二号方正小标宋简体, centred: court name, document name.
    Title(String),
    /// Right-aligned 案号.
    CaseNo(String),
    /// No indent: the addressee line (`张三：`), headings such as `注意事项：`.
    Plain(String),
    /// First-line indent of two characters.
    Body(String),
    /// Right-aligned with two characters to the right margin: 落款 (judge, date, seal).
    Closing(String),
    /// No indent, starting a new page (`pageBreakBefore`): the heading of an appendix after the 落款.
    NewPage(String),
    /// An empty line.
    Blank,
    /// A bordered table, centred; `widths` in twips (they should add up to at most [`TEXT_WIDTH`]). The first
    /// `header_rows` rows repeat on each page and are centred.
    Table { widths: Vec<u32>, rows: Vec<Vec<String>>, header_rows: usize },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CourtDocument {
    /// The document's title property (File → Properties).
    pub title: String,
    pub blocks: Vec<Block>,
    pub grid: Grid,
}

/// How many 三号 characters a line holds (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grid {
    /// At their natural width: 27 a line; indents of two characters are `firstLineChars` (640 twips).
    #[default]
    Natural,
    /// Condensed by 0.25 pt (`w:spacing w:val="-5"` in the default run properties; titles keep their width), so
    /// a character advances 15.75 pt and 28 fit the text width; indents of two characters are 630 twips.
    Condensed28,
}

impl Grid {
    /// The default run properties' character spacing, the titles' (back to natural), the first-line indent and
    /// the 落款's distance from the right margin.
    fn styles(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Grid::Natural => {
                ("", "", "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>", "<w:ind w:right=\"640\"/>")
            }
            Grid::Condensed28 => (
                "<w:spacing w:val=\"-5\"/>",
                "<w:spacing w:val=\"0\"/>",
                "<w:ind w:firstLine=\"630\"/>",
                "<w:ind w:right=\"630\"/>",
            ),
        }
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

fn paragraph(out: &mut String, style: Option<&str>, text: &str) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        out.push_str("<w:pPr><w:pStyle w:val=\"");
        out.push_str(s);
        out.push_str("\"/></w:pPr>");
    }
    if !text.is_empty() {
        out.push_str("<w:r><w:t xml:space=\"preserve\">");
        push_text(out, text);
        out.push_str("</w:t></w:r>");
    }
    out.push_str("</w:p>");
}

fn table(out: &mut String, widths: &[u32], rows: &[Vec<String>], header_rows: usize) {
    let total: u32 = widths.iter().sum();
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>\
         <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" \
         w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
    ));
    for w in widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in rows.iter().enumerate() {
        let header = i < header_rows;
        out.push_str("<w:tr><w:trPr><w:trHeight w:val=\"579\" w:hRule=\"atLeast\"/>");
        if header {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (k, cell) in row.iter().enumerate() {
            let w = widths.get(k).copied().unwrap_or(0);
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
            ));
            paragraph(out, Some(if header { "TableHeading" } else { "TableText" }), cell);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn document_xml(doc: &CourtDocument) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str(DECL);
    out.push_str(&format!("<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"));
    for b in &doc.blocks {
        match b {
            Block::Title(t) => paragraph(&mut out, Some("CourtTitle"), t),
            Block::CaseNo(t) => paragraph(&mut out, Some("CaseNumber"), t),
            Block::Plain(t) => paragraph(&mut out, None, t),
            Block::Body(t) => paragraph(&mut out, Some("BodyIndent"), t),
            Block::Closing(t) => paragraph(&mut out, Some("Closing"), t),
            Block::NewPage(t) => {
                out.push_str("<w:p><w:pPr><w:pageBreakBefore/></w:pPr>");
                if !t.is_empty() {
                    out.push_str("<w:r><w:t xml:space=\"preserve\">");
                    push_text(&mut out, t);
                    out.push_str("</w:t></w:r>");
                }
                out.push_str("</w:p>");
            }
            Block::Blank => paragraph(&mut out, None, ""),
            Block::Table { widths, rows, header_rows } => table(&mut out, widths, rows, *header_rows),
        }
    }
    out.push_str(
        "<w:sectPr><w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:footerReference w:type=\"default\" r:id=\"rId4\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr></w:body></w:document>",
    );
    out
}

/// `— N —` with a PAGE field; odd pages right, even pages left, one 四号 character in from the margin.
fn footer_xml(odd: bool) -> String {
    let (ind, jc) = if odd { ("w:right=\"280\"", "right") } else { ("w:left=\"280\"", "left") };
    let rpr = "<w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>";
    format!(
        "{DECL}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind {ind}/>\
         <w:jc w:val=\"{jc}\"/></w:pPr><w:r>{rpr}<w:t xml:space=\"preserve\">— </w:t></w:r>\
         <w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{rpr}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r>\
         <w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r><w:r>{rpr}<w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    )
}

const CONTENT_TYPES: &str = concat!(
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const PACKAGE_RELS: &str = concat!(
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>",
    "</Relationships>"
);

const BORDER: &str = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"";

fn styles_xml(grid: Grid) -> String {
    let b = BORDER;
    let (spacing, title_spacing, first_line, closing_right) = grid.styles();
    format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
{spacing}<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:line=\"579\" w:lineRule=\"exact\"/>\
<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>\
<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>\
<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/>\
<w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"CourtTitle\"><w:name w:val=\"文书标题\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"579\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:rPr><w:rFonts w:ascii=\"方正小标宋简体\" w:eastAsia=\"方正小标宋简体\" w:hAnsi=\"方正小标宋简体\"/>{title_spacing}<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"CaseNumber\"><w:name w:val=\"案号\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"right\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"BodyIndent\"><w:name w:val=\"正文缩进\"/><w:basedOn w:val=\"Normal\"/>\
<w:qFormat/><w:pPr>{first_line}</w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Closing\"><w:name w:val=\"落款\"/><w:basedOn w:val=\"Normal\"/>\
<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>{closing_right}<w:jc w:val=\"right\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"表格文字\"/><w:basedOn w:val=\"Normal\"/>\
<w:qFormat/><w:pPr><w:jc w:val=\"left\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableHeading\"><w:name w:val=\"表格标题行\"/><w:basedOn w:val=\"TableText\"/>\
<w:qFormat/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>\
<w:unhideWhenUsed/><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>\
<w:tblPr><w:tblBorders><w:top {b}/><w:left {b}/><w:bottom {b}/><w:right {b}/><w:insideH {b}/><w:insideV {b}/></w:tblBorders></w:tblPr></w:style>\
</w:styles>"
    )
}

fn settings_xml() -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" \
w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    )
}

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

fn core_xml(title: &str) -> String {
    let mut t = String::new();
    push_text(&mut t, title);
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{t}</dc:title><dc:creator>案牍 Andu</dc:creator></cp:coreProperties>"
    )
}

const APP_XML: &str = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>案牍 Andu</Application></Properties>";

impl CourtDocument {
    pub fn new(title: impl Into<String>) -> Self {
        CourtDocument { title: title.into(), blocks: Vec::new(), grid: Grid::Natural }
    }

    pub fn with_grid(mut self, grid: Grid) -> Self {
        self.grid = grid;
        self
    }

    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    /// `word/document.xml` alone.
    pub fn document_xml(&self) -> String {
        document_xml(self)
    }

    /// The whole .docx package (deflated, fixed timestamps: the same document gives the same bytes).
    pub fn to_docx(&self) -> Vec<u8> {
        let parts: [(&str, String); 10] = [
            ("[Content_Types].xml", format!("{DECL}{CONTENT_TYPES}")),
            ("_rels/.rels", format!("{DECL}{PACKAGE_RELS}")),
            ("docProps/core.xml", core_xml(&self.title)),
            ("docProps/app.xml", format!("{DECL}{APP_XML}")),
            ("word/document.xml", document_xml(self)),
            ("word/_rels/document.xml.rels", format!("{DECL}{DOCUMENT_RELS}")),
            ("word/styles.xml", styles_xml(self.grid)),
            ("word/settings.xml", settings_xml()),
            ("word/fontTable.xml", font_table_xml()),
            ("word/footer1.xml", footer_xml(true)),
        ];
        let time = DateTime::from_date_and_time(2024, 1, 1, 0, 0, 0).expect("valid date");
        let options =
            SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let even = ("word/footer2.xml", footer_xml(false));
        for (name, xml) in parts.iter().chain(std::iter::once(&even)) {
            // Writing to memory cannot fail.
            w.start_file(*name, options).expect("zip entry");
            w.write_all(xml.as_bytes()).expect("zip write");
        }
        w.finish().expect("zip finish").into_inner()
    }
}
