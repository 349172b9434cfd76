//! An invoice as a PDF, drawn by a pure function: A4 pages with the tenant's name and colour, the
//! client's details, the invoice's facts, its lines (continued on further pages as needed) and
//! its totals. Every text arrives already translated and formatted; the font is DejaVu Sans
//! (covering Latin Extended, Greek and Cyrillic), embedded and subset.

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// One line of the invoice, every cell formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfLine {
    pub description: String,
    /// A second, smaller line (details, service period); may be empty.
    pub detail: String,
    pub quantity: String,
    pub unit_price: String,
    pub total: String,
}

/// Everything the PDF shows, translated and formatted by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoicePdf {
    pub tenant_name: String,
    /// `#rrggbb`; anything else draws in dark slate.
    pub primary_color: String,
    /// "Invoice", "Credit note", …
    pub title: String,
    pub number: String,
    /// Label and value pairs under the title: issued, due, period, status.
    pub facts: Vec<(String, String)>,
    pub bill_to_label: String,
    /// The client's name, then its address lines.
    pub bill_to: Vec<String>,
    /// Column headings: description, quantity, unit price, total.
    pub columns: [String; 4],
    pub lines: Vec<PdfLine>,
    /// Label and value pairs at the end (subtotal, tax, total, paid, balance); the last is bold.
    pub totals: Vec<(String, String)>,
    pub notes: String,
    /// "Page {n} of {total}" with `{n}` and `{total}` replaced.
    pub page_label: String,
}

#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

const A4: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 50.0;
const LINE_ROW: f32 = 30.0;
const FOOTER: f32 = 60.0;

struct Fonts {
    regular: Font,
    bold: Font,
}

fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = Font::new(Arc::new(dejavu::sans::regular().to_vec()).into(), 0)?;
            let bold = Font::new(Arc::new(dejavu::sans::bold().to_vec()).into(), 0)?;
            Some(Fonts { regular, bold })
        })
        .as_ref()
}

fn color(hex: &str) -> rgb::Color {
    let parse = |i: usize| {
        hex.get(i..i.saturating_add(2))
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (
        hex.len(),
        hex.starts_with('#'),
        parse(1),
        parse(3),
        parse(5),
    ) {
        (7, true, Some(r), Some(g), Some(b)) => rgb::Color::new(r, g, b),
        _ => rgb::Color::new(31, 41, 51),
    }
}

fn fill(c: rgb::Color) -> Option<Fill> {
    Some(Fill {
        paint: c.into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    })
}

/// The approximate width of `text` at `size` in DejaVu Sans (digits are 0.636 em; the rest is
/// estimated), for right-aligned figures.
fn width(text: &str, size: f32) -> f32 {
    let ems: f32 = text
        .chars()
        .map(|c| match c {
            '0'..='9' | '€' | '$' | '£' | '¥' => 0.636,
            '.' | ',' | ' ' | '\u{a0}' => 0.32,
            '-' => 0.361,
            c if c.is_uppercase() => 0.72,
            _ => 0.58,
        })
        .sum();
    ems * size
}

/// Text cut to at most `max` characters (with "…").
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    fonts: &'static Fonts,
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, c: rgb::Color, text: &str) {
        self.surface.set_fill(fill(c));
        let font = if bold {
            self.fonts.bold.clone()
        } else {
            self.fonts.regular.clone()
        };
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn right(&mut self, x: f32, y: f32, size: f32, bold: bool, c: rgb::Color, text: &str) {
        self.text(x - width(text, size), y, size, bold, c, text);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: rgb::Color) {
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            self.surface.set_fill(fill(c));
            self.surface.draw_path(&path);
        }
    }
}

const INK: (u8, u8, u8) = (31, 41, 51);
const MUTED: (u8, u8, u8) = (82, 96, 109);

fn ink() -> rgb::Color {
    rgb::Color::new(INK.0, INK.1, INK.2)
}

fn muted() -> rgb::Color {
    rgb::Color::new(MUTED.0, MUTED.1, MUTED.2)
}

/// Column right edges: quantity, unit price, total.
const COLS: [f32; 3] = [360.0, 455.0, A4.0 - MARGIN];

fn header(pen: &mut Pen<'_, '_>, doc: &InvoicePdf, brand: rgb::Color) -> f32 {
    pen.rect(0.0, 0.0, A4.0, 8.0, brand);
    pen.text(MARGIN, 60.0, 18.0, true, brand, &cut(&doc.tenant_name, 40));
    pen.right(A4.0 - MARGIN, 60.0, 20.0, true, ink(), &doc.title);
    pen.right(A4.0 - MARGIN, 82.0, 11.0, false, muted(), &doc.number);
    let mut y = 120.0;
    pen.text(MARGIN, y, 9.0, true, muted(), &doc.bill_to_label);
    for (i, line) in doc.bill_to.iter().take(7).enumerate() {
        y += 14.0;
        pen.text(MARGIN, y, 10.0, i == 0, ink(), &cut(line, 45));
    }
    let mut fy = 120.0;
    for (label, value) in doc.facts.iter().take(6) {
        pen.text(330.0, fy, 9.0, false, muted(), label);
        pen.right(A4.0 - MARGIN, fy, 10.0, false, ink(), value);
        fy += 15.0;
    }
    y.max(fy) + 30.0
}

fn column_heads(pen: &mut Pen<'_, '_>, doc: &InvoicePdf, y: f32) -> f32 {
    pen.rect(
        MARGIN,
        y - 12.0,
        A4.0 - 2.0 * MARGIN,
        18.0,
        rgb::Color::new(238, 242, 247),
    );
    let [description, rest @ ..] = &doc.columns;
    pen.text(MARGIN + 4.0, y, 9.0, true, ink(), description);
    for (x, heading) in COLS.iter().zip(rest) {
        pen.right(*x - 4.0, y, 9.0, true, ink(), heading);
    }
    y + 22.0
}

fn footer(pen: &mut Pen<'_, '_>, doc: &InvoicePdf, page: usize, pages: usize) {
    let label = doc
        .page_label
        .replace("{n}", &page.to_string())
        .replace("{total}", &pages.to_string());
    pen.text(
        MARGIN,
        A4.1 - 30.0,
        8.0,
        false,
        muted(),
        &cut(&doc.tenant_name, 60),
    );
    pen.right(A4.0 - MARGIN, A4.1 - 30.0, 8.0, false, muted(), &label);
}

/// The lines on each page: as many as fit, the totals after the last.
fn paginate(doc: &InvoicePdf, first_top: f32) -> Vec<std::ops::Range<usize>> {
    let rows_first = ((A4.1 - FOOTER - first_top - 22.0) / LINE_ROW)
        .floor()
        .max(1.0) as usize;
    let rows_next = ((A4.1 - FOOTER - 80.0 - 22.0) / LINE_ROW).floor().max(1.0) as usize;
    let mut pages = Vec::new();
    let mut start = 0;
    let mut room = rows_first;
    while start < doc.lines.len() {
        let end = start.saturating_add(room).min(doc.lines.len());
        pages.push(start..end);
        start = end;
        room = rows_next;
    }
    if pages.is_empty() {
        pages.push(0..0);
    }
    // The totals need room too: after a full last page they start a page of their own.
    let totals_rows = doc.totals.len().saturating_add(3);
    let last = pages.last().map_or(0, |r| r.len());
    let capacity = if pages.len() == 1 {
        rows_first
    } else {
        rows_next
    };
    if last.saturating_add(totals_rows) > capacity.saturating_add(3) {
        pages.push(doc.lines.len()..doc.lines.len());
    }
    pages
}

/// The invoice as a PDF file.
pub fn invoice_pdf(doc: &InvoicePdf) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts().ok_or_else(|| PdfError("the embedded font did not load".into()))?;
    let brand = color(&doc.primary_color);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", doc.title, doc.number))
            .creator(doc.tenant_name.clone()),
    );
    let first_top =
        120.0 + 14.0 * (doc.bill_to.len().min(7) as f32).max(doc.facts.len().min(6) as f32) + 30.0;
    let pages = paginate(doc, first_top);
    let count = pages.len();
    for (n, range) in pages.iter().enumerate() {
        let settings =
            PageSettings::from_wh(A4.0, A4.1).ok_or_else(|| PdfError("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            fonts,
        };
        let mut y = if n == 0 {
            header(&mut pen, doc, brand)
        } else {
            pen.rect(0.0, 0.0, A4.0, 8.0, brand);
            pen.text(
                MARGIN,
                50.0,
                11.0,
                true,
                ink(),
                &format!("{} {}", doc.title, doc.number),
            );
            80.0
        };
        if !range.is_empty() || n == 0 {
            y = column_heads(&mut pen, doc, y);
        }
        for line in doc.lines.get(range.clone()).unwrap_or_default() {
            pen.text(
                MARGIN + 4.0,
                y,
                9.5,
                false,
                ink(),
                &cut(&line.description, 48),
            );
            if !line.detail.is_empty() {
                pen.text(
                    MARGIN + 4.0,
                    y + 11.0,
                    8.0,
                    false,
                    muted(),
                    &cut(&line.detail, 60),
                );
            }
            pen.right(COLS[0] - 4.0, y, 9.5, false, ink(), &line.quantity);
            pen.right(COLS[1] - 4.0, y, 9.5, false, ink(), &line.unit_price);
            pen.right(COLS[2] - 4.0, y, 9.5, false, ink(), &line.total);
            y += LINE_ROW;
        }
        let number = n.saturating_add(1);
        if number == count {
            y += 10.0;
            let last = doc.totals.len().saturating_sub(1);
            for (i, (label, value)) in doc.totals.iter().enumerate() {
                let bold = i == last;
                pen.text(
                    330.0,
                    y,
                    10.0,
                    bold,
                    if bold { ink() } else { muted() },
                    label,
                );
                pen.right(COLS[2] - 4.0, y, 10.0, bold, ink(), value);
                y += 16.0;
            }
            if !doc.notes.is_empty() {
                y += 16.0;
                for note in doc.notes.lines().take(6) {
                    pen.text(MARGIN, y, 9.0, false, muted(), &cut(note, 95));
                    y += 12.0;
                }
            }
        }
        footer(&mut pen, doc, number, count);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(lines: usize) -> InvoicePdf {
        InvoicePdf {
            tenant_name: "Northwind IT Services".into(),
            primary_color: "#0b5563".into(),
            title: "Invoice".into(),
            number: "INV-2026-0042".into(),
            facts: vec![
                ("Issued".into(), "1 Nov 2026".into()),
                ("Due".into(), "1 Dec 2026".into()),
            ],
            bill_to_label: "Bill to".into(),
            bill_to: vec![
                "Łódź Müller Ærøskøbing GmbH".into(),
                "Große Straße 5".into(),
                "1010 Wien".into(),
            ],
            columns: [
                "Description".into(),
                "Quantity".into(),
                "Unit price".into(),
                "Total".into(),
            ],
            lines: (1..=lines)
                .map(|i| PdfLine {
                    description: format!("Service line {i:02}"),
                    detail: "1 Nov 2026 – 30 Nov 2026".into(),
                    quantity: "2.5".into(),
                    unit_price: "€40.00".into(),
                    total: format!("€{}.00", 100 + i),
                })
                .collect(),
            totals: vec![
                ("Subtotal".into(), "€6,275.00".into()),
                ("Tax".into(), "€1,255.00".into()),
                ("Total".into(), "€7,530.00".into()),
            ],
            notes: "Thank you.".into(),
            page_label: "Page {n} of {total}".into(),
        }
    }

    /// The PDF's text as `pdftotext` reads it, or `None` when it is not installed.
    fn text_of(pdf: &[u8]) -> Option<String> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("portal-pdf-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join("invoice.pdf");
        std::fs::write(&path, pdf).ok()?;
        let out = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(&path)
            .arg("-")
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        match out {
            Ok(out) if out.status.success() => {
                Some(String::from_utf8_lossy(&out.stdout).into_owned())
            }
            _ if std::env::var("PORTAL_TEST_STRICT").is_ok_and(|v| v == "1") => {
                panic!("pdftotext (poppler-utils) is needed to check invoice PDFs")
            }
            _ => {
                eprintln!("SKIPPED: pdftotext missing");
                None
            }
        }
    }

    #[test]
    fn a_fifty_line_invoice_reads_back_with_its_number_lines_and_total() {
        let pdf = invoice_pdf(&sample(50)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let Some(text) = text_of(&pdf) else { return };
        assert!(text.contains("INV-2026-0042"), "{text}");
        for i in 1..=50 {
            assert!(
                text.contains(&format!("Service line {i:02}")),
                "line {i}: {text}"
            );
        }
        assert!(text.contains("€7,530.00"), "{text}");
        assert!(
            text.contains("Łódź Müller Ærøskøbing GmbH"),
            "Latin Extended: {text}"
        );
        // Fifty lines take more than one page, each numbered "n of N".
        let pages: usize = text
            .split("Page 1 of ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(pages >= 2, "{text}");
        assert!(text.contains(&format!("Page {pages} of {pages}")), "{text}");
    }

    #[test]
    fn an_invoice_without_lines_and_hostile_text_still_renders() {
        let mut doc = sample(0);
        doc.primary_color = "red;}".into();
        doc.tenant_name = "<script>alert(1)</script>".repeat(20);
        doc.notes = "line\u{0}with nul\nsecond".into();
        let pdf = invoice_pdf(&doc).unwrap();
        let Some(text) = text_of(&pdf) else { return };
        assert!(
            text.contains("Page 1 of 1") && text.contains("€7,530.00"),
            "{text}"
        );
    }
}
