//! QR codes of a link: an SVG file, a PNG file, or SVG inline in the card.

use std::path::Path;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use super::{PrintError, extension};

/// Pixels per module in the files: a phone reads them from a screen or a print-out.
const FILE_MODULE: u32 = 8;

fn code(link: &str) -> Result<QrCode, PrintError> {
    // M survives a crease or a smudge on paper and keeps the code small.
    QrCode::with_error_correction_level(link, EcLevel::M).map_err(|e| PrintError::Qr(e.to_string()))
}

/// A standalone SVG document with the quiet zone.
pub(crate) fn svg(link: &str, module: u32) -> Result<String, PrintError> {
    Ok(code(link)?
        .render::<svg::Color>()
        .module_dimensions(module, module)
        .quiet_zone(true)
        .build())
}

/// SVG for inside HTML: no XML declaration; one unit per module, so CSS gives it its size.
pub(crate) fn inline_svg(link: &str) -> Result<String, PrintError> {
    let doc = svg(link, 1)?;
    let body = doc.find("<svg").map_or(doc.as_str(), |at| &doc[at..]);
    // A picture needs a name for screen readers: the link it opens.
    let named = format!(
        "<svg role=\"img\" aria-label=\"QR: {}\" ",
        super::escape(link)
    );
    Ok(body.replacen("<svg ", &named, 1))
}

pub(crate) fn png(link: &str) -> Result<Vec<u8>, PrintError> {
    let image = code(link)?
        .render::<image::Luma<u8>>()
        .module_dimensions(FILE_MODULE, FILE_MODULE)
        .quiet_zone(true)
        .build();
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| PrintError::Qr(e.to_string()))?;
    Ok(out.into_inner())
}

/// Writes `link` as a QR code; the file's extension (.svg or .png) says which.
pub(crate) fn write(path: &Path, link: &str) -> Result<(), PrintError> {
    let bytes = match extension(path, "the QR code file", &["svg", "png"])?.as_str() {
        "svg" => svg(link, FILE_MODULE)?.into_bytes(),
        _ => png(link)?,
    };
    super::write(path, &bytes)
}
