//! A very small HTTP/1.1 server for files on the loopback interface (`sopkit
//! serve`): GET and HEAD only, one thread per connection, `Connection:
//! close`. Enough for one author's browser; not a web server to publish on.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// What a request gets.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Self { status: 200, content_type, body }
    }

    pub fn not_found() -> Self {
        Self { status: 404, content_type: "text/plain; charset=utf-8", body: b"tidak ditemukan\n".to_vec() }
    }
}

/// The content type of a file by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names under `root`, if it is one: no `..`, no
/// absolute parts; a folder means its `index.html`.
pub fn file_under(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Serves every connection of `listener` with `answer(path)`, until the
/// process ends.
pub fn serve(listener: TcpListener, answer: impl Fn(&str) -> Response + Send + Sync + 'static) {
    let answer = std::sync::Arc::new(answer);
    for stream in listener.incoming().flatten() {
        let answer = answer.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &*answer);
        });
    }
}

fn handle(mut stream: TcpStream, answer: &dyn Fn(&str) -> Response) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // The headers are read and ignored.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or_default(), parts.next().unwrap_or("/"));
    let response = match method {
        "GET" | "HEAD" => answer(path),
        _ => Response { status: 405, content_type: "text/plain", body: b"GET only\n".to_vec() },
    };
    let reason = match response.status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_the_root_are_served() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sop")).unwrap();
        std::fs::write(dir.path().join("index.html"), "i").unwrap();
        std::fs::write(dir.path().join("sop/a b.html"), "a").unwrap();
        assert_eq!(file_under(dir.path(), "/"), Some(dir.path().join("index.html")));
        assert_eq!(file_under(dir.path(), "/sop/a%20b.html?x=1"), Some(dir.path().join("sop/a b.html")));
        assert_eq!(file_under(dir.path(), "/../etc/passwd"), None);
        assert_eq!(file_under(dir.path(), "/sop/%2e%2e/%2e%2e/x"), None);
        assert_eq!(file_under(dir.path(), "/nope.html"), None);
    }
}
