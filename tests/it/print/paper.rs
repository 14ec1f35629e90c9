//! On paper and screen: QR codes decode to the link, the card and the directory open and print
//! in a browser, the Markdown directory has every service.

use std::path::Path;

use krok::core::lang::Lang;
use krok::core::message::Msg;
use krok::print::{Format, export};

use super::super::support::shipped;
use super::{BOT, MATRIX_USER, PLATFORMS, chromium, field, krok};

/// Decodes the one QR code in a picture.
pub(crate) fn decode_qr(image: &image::GrayImage) -> String {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        image.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn qr_codes_decode_to_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let (png, svg) = (dir.path().join("qr.png"), dir.path().join("qr.svg"));
    for file in [&png, &svg] {
        let args = [
            "link",
            "legal_business",
            "--lang",
            "en",
            "--tag",
            "pop",
            "--qr",
            file.to_str().unwrap(),
        ];
        let (code, out, err) = krok(&args, &PLATFORMS);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            field(&out, "telegram"),
            format!("https://t.me/{BOT}?start=legal_business-en-pop")
        );
    }
    let link = format!("https://t.me/{BOT}?start=legal_business-en-pop");
    assert_eq!(decode_qr(&image::open(&png).unwrap().to_luma8()), link);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml") && text.contains("<svg") && text.ends_with("</svg>"));
    let shot = dir.path().join("svg.png");
    chromium::run(&[
        "--window-size=500,500",
        &format!("--screenshot={}", shot.display()),
        &url(&svg),
    ]);
    assert_eq!(decode_qr(&image::open(&shot).unwrap().to_luma8()), link);
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_card_prints_and_its_qr_code_opens_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let card = dir.path().join("card.html");
    let args = [
        "link",
        "family_carers",
        "--lang",
        "uk",
        "--tag",
        "mops",
        "--card",
        card.to_str().unwrap(),
    ];
    let (code, out, err) = krok(&args, &PLATFORMS);
    assert_eq!(code, 0, "{err}");
    let link = field(&out, "telegram").to_owned();
    let html = std::fs::read_to_string(&card).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&card).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o644,
        "a card is for a colleague or a print share to open"
    );
    let content = shipped();
    let t = |lang, id: &str| content.locales.text(lang, &Msg::new(id.to_owned()));
    for needle in [
        "<html lang=\"uk\">",
        "size: A6",
        &t(Lang::Uk, "opt-family-carers"),
        &t(Lang::Pl, "opt-family-carers"),
        &format!("@{BOT}"),
        MATRIX_USER,
        "family_carers-uk-mops",
    ] {
        assert!(html.contains(needle), "the card has {needle}");
    }
    for id in &content.triage.crisis_services {
        for phone in &content.services.get(id).unwrap().phones {
            assert!(html.contains(&format!(
                "href=\"{}\">{}</a>",
                phone.tel_uri(),
                phone.number
            )));
        }
    }
    assert!(
        html.contains("<li>Екстрений номер <a href=\"tel:112\">112</a>") && !html.contains("112: "),
        "the emergency number said once, as the link"
    );
    chromium::assert_self_contained(&html);
    chromium::assert_prints(&card);
    let shot = dir.path().join("card.png");
    chromium::run(&[
        "--window-size=397,560",
        "--force-device-scale-factor=2",
        &format!("--screenshot={}", shot.display()),
        &url(&card),
    ]);
    assert_eq!(decode_qr(&image::open(&shot).unwrap().to_luma8()), link);
}

#[test]
fn the_html_directory_prints_with_every_phone_a_tel_link() {
    let dir = tempfile::tempdir().unwrap();
    let content = shipped();
    for lang in Lang::ALL {
        let page = dir.path().join(format!("services-{lang}.html"));
        let args = [
            "export",
            "--lang",
            lang.code(),
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ];
        let (code, _, err) = krok(&args, &[]);
        assert_eq!(code, 0, "{err}");
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")) && html.contains("size: A4"));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&page).unwrap().permissions(),
        );
        assert_eq!(
            mode & 0o777,
            0o644,
            "the directory is for a waiting room's wall"
        );
        chromium::assert_self_contained(&html);
        let dom = chromium::run(&["--dump-dom", &url(&page)]);
        for s in content.services.iter() {
            let name = content
                .locales
                .text(lang, &Msg::new(format!("svc-{}", s.id)));
            // Text as the browser serialises it: only &, < and > escaped.
            let name = name
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(dom.contains(&name), "{lang}: {name}");
            for phone in &s.phones {
                let link = format!("<a href=\"{}\">{}</a>", phone.tel_uri(), phone.number);
                assert!(dom.contains(&link), "{lang}: {link} in the rendered page");
            }
        }
    }
    chromium::assert_prints(&dir.path().join("services-uk.html"));
}

#[test]
fn the_markdown_directory_has_every_service_and_tel_links() {
    let (code, md, err) = krok(&["export", "--lang", "en", "--format", "md"], &[]);
    assert_eq!(code, 0, "{err}");
    let content = shipped();
    let crisis = md
        .find("## In danger or in crisis")
        .expect("crisis section");
    let other = md.find("## More help in Kraków").expect("other section");
    assert!(crisis < other);
    for s in content.services.iter() {
        let name = content
            .locales
            .text(Lang::En, &Msg::new(format!("svc-{}", s.id)));
        let at = md
            .find(&format!("### {name}"))
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(
            at < other,
            content.triage.crisis_services.contains(&s.id),
            "{name}"
        );
        for phone in &s.phones {
            assert!(md.contains(&format!("[{}]({})", phone.number, phone.tel_uri())));
        }
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for lang in [Lang::En, Lang::Uk] {
        let page = export(&content, lang, Format::Markdown, today);
        // With the suite's other snapshots in tests/it/snapshots.
        insta::with_settings!({ snapshot_path => "../snapshots" }, {
            insta::assert_snapshot!(format!("directory_{lang}"), page);
        });
    }
}
