//! multipart/form-data bodies read byte by byte, as the fake servers receive uploads (an
//! image is not text). The boundary is the body's first line, so no header is needed.

// Shared by the fakes, each of which uses only a part.
#![allow(dead_code)]

/// One part of a form.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The parts of a body; none when it is not multipart.
pub fn parts(body: &[u8]) -> Vec<Part> {
    let Some(end) = find(body, b"\r\n") else {
        return Vec::new();
    };
    let boundary = &body[..end];
    if !boundary.starts_with(b"--") {
        return Vec::new();
    }
    let delimiter = [b"\r\n", boundary].concat();
    let mut out = Vec::new();
    let mut rest = &body[end + 2..];
    while let Some(next) = find(rest, &delimiter) {
        let part = &rest[..next];
        if let Some(split) = find(part, b"\r\n\r\n") {
            let headers = String::from_utf8_lossy(&part[..split]);
            let attribute = |key: &str| {
                let start = headers.find(&format!("{key}=\""))? + key.len() + 2;
                let end = headers[start..].find('"')?;
                Some(headers[start..start + end].to_string())
            };
            let content_type = headers.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-type")
                    .then(|| value.trim().to_string())
            });
            if let Some(name) = attribute("name") {
                out.push(Part {
                    name,
                    filename: attribute("filename"),
                    content_type,
                    bytes: part[split + 4..].to_vec(),
                });
            }
        }
        rest = &rest[next + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
    out
}

/// What the platforms accept as an image: PNG or JPEG, by its bytes.
pub fn is_png_or_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xff, 0xd8, 0xff])
}
