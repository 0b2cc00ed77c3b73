//! A very small HTTP/1.1 server for files on the loopback interface (`sopkit
//! serve`): GET and HEAD only, a thread per connection up to
//! `MAX_CONNECTIONS` (more are answered 503), `Connection: close`, text
//! gzipped for a browser that takes it; a file answered with its tag
//! (`ETag`) is checked again on every use and not sent again while it is
//! unchanged (a reload after a save transfers only what the save changed). Only
//! requests naming a loopback
//! host are answered: a page of another site that renames its own host to
//! 127.0.0.1 (DNS rebinding) still sends its own name, and is refused.
//! Enough for one author's browser; not a web server to publish on.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Connections served at once; a browser opens about six per host.
pub const MAX_CONNECTIONS: usize = 32;

/// What a request gets.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// What names this version of the body (`ETag`): the browser keeps it
    /// and asks whether it is still current; without one, nothing is kept.
    pub tag: Option<String>,
}

impl Response {
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Self { status: 200, content_type, body, tag: None }
    }

    /// Answered with `tag`, a quoted `ETag` value.
    pub fn tagged(self, tag: String) -> Self {
        Self { tag: Some(tag), ..self }
    }

    /// Answered with a tag of its body's digest: exact, whatever the file
    /// system's clock.
    pub fn tagged_by_content(self) -> Self {
        let digest = crate::util::digest::sha256_hex(&self.body);
        self.tagged(format!("\"{}\"", &digest[..32]))
    }

    pub fn not_found() -> Self {
        Self::text(404, "tidak ditemukan".to_owned())
    }

    fn text(status: u16, message: String) -> Self {
        Self { status, content_type: "text/plain; charset=utf-8", body: format!("{message}\n").into_bytes(), tag: None }
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
        "ttf" => "font/ttf",
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
    let port = listener.local_addr().map_or(0, |a| a.port());
    let answer = Arc::new(answer);
    let open = Arc::new(AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            // Answered here and now: a full server stays quick to say so.
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_response(&mut stream, false, &Response::text(503, crate::tr!("serve-busy")), false);
            continue;
        }
        let (answer, open) = (answer.clone(), open.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, port, &*answer);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// What is read of a request.
struct Request {
    method: String,
    path: String,
    host: Option<String>,
    accepts_gzip: bool,
    /// The tags of the versions the browser holds (`If-None-Match`).
    holds: Vec<String>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let mut request = Request {
        method: parts.next().unwrap_or_default().to_owned(),
        path: parts.next().unwrap_or("/").to_owned(),
        host: None,
        accepts_gzip: false,
        holds: Vec::new(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        let Some((name, value)) = header.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("if-none-match") {
            request.holds.extend(value.split(',').map(|tag| tag.trim().trim_start_matches("W/").to_owned()));
        } else if name.eq_ignore_ascii_case("host") {
            request.host = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("accept-encoding") {
            request.accepts_gzip = value.split(',').any(|coding| {
                let mut parts = coding.split(';').map(str::trim);
                let named = parts.next().is_some_and(|c| c.eq_ignore_ascii_case("gzip"));
                // `gzip;q=0` says no.
                let refused = parts.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0));
                named && !refused
            });
        }
    }
    Ok(request)
}

/// Whether a `Host` header names this server on the loopback interface.
fn is_loopback_host(host: &str, port: u16) -> bool {
    // A browser leaves out port 80.
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}") || (port == 80 && host == *name))
}

fn handle(mut stream: TcpStream, port: u16, answer: &dyn Fn(&str) -> Response) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = read_request(&stream)?;
    let response = if !request.host.as_deref().is_some_and(|host| is_loopback_host(host, port)) {
        Response::text(403, crate::tr!("serve-host-refused"))
    } else {
        match request.method.as_str() {
            "GET" | "HEAD" => answer(&request.path),
            _ => Response::text(405, "GET only".to_owned()),
        }
    };
    let held = response.status == 200
        && response.tag.as_ref().is_some_and(|tag| request.holds.iter().any(|h| h == tag || h == "*"));
    if held {
        let unchanged = Response { status: 304, body: Vec::new(), ..response };
        return write_response(&mut stream, true, &unchanged, false);
    }
    write_response(&mut stream, request.method == "HEAD", &response, request.accepts_gzip)
}

/// Whether a type is text worth compressing (PDFs and PNGs already are).
fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || ["application/json", "image/svg+xml", "font/ttf"].iter().any(|t| content_type.starts_with(t))
}

fn write_response(stream: &mut TcpStream, head_only: bool, response: &Response, gzip: bool) -> std::io::Result<()> {
    let reason = match response.status {
        200 => "OK",
        304 => "Not Modified",
        403 => "Forbidden",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Method Not Allowed",
    };
    let compressible = compressible(response.content_type);
    let gzipped = (gzip && compressible).then(|| gzipped(&response.body)).transpose()?;
    let body = gzipped.as_deref().unwrap_or(&response.body);
    let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\n", response.status, response.content_type);
    if response.status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    match &response.tag {
        // Kept, but asked about on every use: a save shows at once.
        Some(tag) => head.push_str(&format!("ETag: {tag}\r\nCache-Control: no-cache\r\n")),
        None => head.push_str("Cache-Control: no-store\r\n"),
    }
    head.push_str("Connection: close\r\n");
    if compressible {
        head.push_str("Vary: Accept-Encoding\r\n");
    }
    if gzipped.is_some() {
        head.push_str("Content-Encoding: gzip\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn gzipped(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(body)?;
    encoder.finish()
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

    /// What the server at `port` answers to a request with these headers.
    fn ask(port: u16, headers: &str) -> String {
        use std::io::Read;
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET /a.svg HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn a_tagged_file_the_browser_holds_is_not_sent_again() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            serve(listener, |_| Response::ok("image/svg+xml", b"<svg/>".to_vec()).tagged("\"v1\"".to_owned()))
        });
        let first = ask(port, "");
        assert!(first.starts_with("HTTP/1.1 200 OK\r\n"), "{first}");
        assert!(first.contains("ETag: \"v1\"\r\nCache-Control: no-cache\r\n") && first.ends_with("<svg/>"), "{first}");
        let again = ask(port, "If-None-Match: \"v0\", \"v1\"\r\n");
        assert!(again.starts_with("HTTP/1.1 304 Not Modified\r\n") && again.ends_with("\r\n\r\n"), "{again}");
        let changed = ask(port, "If-None-Match: \"v0\"\r\n");
        assert!(changed.starts_with("HTTP/1.1 200 OK\r\n") && changed.ends_with("<svg/>"), "{changed}");
    }

    #[test]
    fn only_loopback_host_names_with_the_port_are_answered() {
        for host in ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"] {
            assert!(is_loopback_host(host, 8000), "{host}");
        }
        for host in ["evil.example:8000", "127.0.0.1", "localhost:8001", "127.0.0.1.evil.example:8000"] {
            assert!(!is_loopback_host(host, 8000), "{host}");
        }
    }
}
