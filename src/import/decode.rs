//! Turning the bytes of an input file into text, or saying clearly why they are not text.

use super::{ImportError, ImportWarning, MAX_IMPORT_BYTES};

/// Decodes an input file. UTF-8 (with or without BOM) is read as is; UTF-16 (with a BOM, or
/// recognised by its zero bytes) is converted; other bytes that are not UTF-8 are read as
/// Windows-1252, the usual encoding of older Windows and Excel files, with a warning.
/// Binary files (PDF, Word, Excel, images, anything with zero bytes), empty files and files
/// over [`MAX_IMPORT_BYTES`] are refused with a message saying what to do instead.
pub fn decode(
    bytes: &[u8],
    source_name: &str,
) -> Result<(String, Vec<ImportWarning>), ImportError> {
    let fail = |message: String| Err(ImportError::whole_file(source_name, message));
    if bytes.len() > MAX_IMPORT_BYTES {
        return fail(format!(
            "the file is {:.1} MB; imports are limited to {} MB. Split it into smaller files",
            bytes.len() as f64 / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576
        ));
    }
    if let Some(kind) = known_binary(bytes) {
        return fail(format!(
            "this is {kind}, not text. Open it in the program that made it and save or export it as plain text (.md or .txt) or CSV, then import that file"
        ));
    }
    let mut notes = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        utf8_or_legacy(rest, source_name, &mut notes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        utf16(rest, false, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        utf16(rest, true, &mut notes)
    } else if let Some(big_endian) = looks_like_utf16(bytes) {
        utf16(bytes, big_endian, &mut notes)
    } else {
        utf8_or_legacy(bytes, source_name, &mut notes)?
    };
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return fail("the file is empty; there is nothing to import".to_string());
    }
    if text.contains('\0') || control_ratio(&text) > 0.05 {
        return fail(
            "the file does not look like text (it contains binary data). Save it as plain text (.md or .txt) or CSV, then import that file"
                .to_string(),
        );
    }
    Ok((text, notes))
}

fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "a zip archive (for example a Word .docx, Excel .xlsx or OpenDocument file)",
        ),
        (
            b"\xd0\xcf\x11\xe0",
            "an old Microsoft Office document (.doc or .xls)",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "a program"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// UTF-16 without a BOM shows as zero bytes in every other position for Latin text.
fn looks_like_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zeros = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zeros = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let high = pairs * 2 / 5;
    let low = pairs / 20;
    if odd_zeros > high && even_zeros <= low {
        Some(false)
    } else if even_zeros > high && odd_zeros <= low {
        Some(true)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], big_endian: bool, notes: &mut Vec<ImportWarning>) -> String {
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut bad = 0usize;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    let mut message = "the file is UTF-16 text; it was converted. Saving it as UTF-8 avoids surprises in other tools".to_string();
    if bad > 0 || bytes.len() % 2 == 1 {
        message.push_str(&format!(
            " ({} damaged characters were replaced with �)",
            bad + bytes.len() % 2
        ));
    }
    notes.push(ImportWarning { line: 0, message });
    text
}

fn utf8_or_legacy(
    bytes: &[u8],
    source_name: &str,
    notes: &mut Vec<ImportWarning>,
) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let high = bytes.iter().filter(|b| **b >= 0x80).count();
            // Text in a Western legacy encoding has a few accented letters; binary data has
            // high bytes everywhere.
            if high * 10 > bytes.len() * 3 {
                return Err(ImportError::whole_file(
                    source_name,
                    "the file does not look like text (it contains binary data). Save it as plain text (.md or .txt) or CSV, then import that file",
                ));
            }
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            notes.push(ImportWarning {
                line,
                message: "the file is not UTF-8 (first unreadable byte on this line); it was read as Windows-1252/Latin-1. Check accented letters, or save the file as UTF-8 and import again".to_string(),
            });
            Ok(bytes.iter().map(|b| windows_1252(*b)).collect())
        }
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        other => char::from(other),
    }
}

/// Share of characters that are control codes other than tab, newline, carriage return and
/// form feed.
fn control_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(100_000) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xff, 0xfe] } else { vec![] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (text, notes) = decode("\u{feff}Hello?".as_bytes(), "a").expect("decodes");
        assert_eq!(text, "Hello?");
        assert!(notes.is_empty());
    }

    #[test]
    fn utf16_with_bom_and_without() {
        for bom in [true, false] {
            let (text, notes) = decode(&utf16le("What is X?\nMore", bom), "a").expect("decodes");
            assert_eq!(text, "What is X?\nMore");
            assert_eq!(notes.len(), 1);
            assert!(notes[0].message.contains("UTF-16"));
        }
    }

    #[test]
    fn latin1_is_read_with_a_warning_on_the_right_line() {
        let (text, notes) = decode(b"first\nCaf\xe9 question?\n", "a").expect("decodes");
        assert_eq!(text, "first\nCafé question?\n");
        assert_eq!(notes[0].line, 2);
    }

    #[test]
    fn binary_empty_and_huge_are_refused() {
        let pdf = decode(b"%PDF-1.7 ...", "x.pdf").expect_err("pdf");
        assert!(pdf.message.contains("PDF"), "{pdf}");
        let zip = decode(b"PK\x03\x04rest", "x.docx").expect_err("zip");
        assert!(zip.message.contains("Word"), "{zip}");
        assert!(
            decode(b"", "e")
                .expect_err("empty")
                .message
                .contains("empty")
        );
        assert!(
            decode(b" \n\r\n ", "e")
                .expect_err("blank")
                .message
                .contains("empty")
        );
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(
            decode(&noise, "n")
                .expect_err("noise")
                .message
                .contains("binary")
        );
        let huge = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert!(decode(&huge, "h").expect_err("huge").message.contains("MB"));
    }
}
