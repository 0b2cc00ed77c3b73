//! `sopkit serve` as a browser and an attacker meet it: text sent gzipped
//! to a browser that takes it (and decoding to the bytes on disk), only
//! loopback Host names answered (a page of another site reaching it through
//! DNS rebinding is refused), and a cap on connections, freed again when
//! they close.

use super::support::*;

/// An HTTP answer: the status line, the headers (lower-cased names), the body.
type Answer = (String, Vec<(String, String)>, Vec<u8>);

/// A `sopkit serve` of a fixture, stopped when dropped: its address and
/// its output folder.
struct Served {
    child: std::process::Child,
    port: u16,
    out: PathBuf,
}

impl Served {
    fn start(test: &TestProject) -> Self {
        let out = test.work().join("out");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sopkit"))
            .args(["serve", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--port", "0"])
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
        let port = line.rsplit(':').next().unwrap().split('/').next().unwrap().parse().unwrap();
        let start = std::time::Instant::now();
        while !out.join("portal/index.html").is_file() && start.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Self { child, port, out }
    }

    /// A raw request's answer.
    fn get(&self, path: &str, headers: &str) -> Answer {
        self.try_get(path, headers).unwrap()
    }

    /// As `get`; a server too busy to read the request may reset it.
    fn try_get(&self, path: &str, headers: &str) -> std::io::Result<Answer> {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port))?;
        write!(stream, "GET {path} HTTP/1.1\r\n{headers}\r\n")?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes)?;
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(bytes[..end].to_vec()).unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().to_owned();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Ok((status, headers, bytes[end + 4..].to_vec()))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn serve_gzips_text_for_a_browser_that_takes_it() {
    let test = TestProject::copy("denpasar");
    let served = Served::start(&test);
    let host = format!("Host: 127.0.0.1:{}\r\n", served.port);
    let page = "/sop/monitoring-keamanan-informasi.halaman-2.svg";
    let on_disk = std::fs::read(served.out.join(format!("portal{page}"))).unwrap();

    let (status, headers, body) = served.get(page, &format!("{host}Accept-Encoding: br, gzip, deflate\r\n"));
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"), "{headers:?}");
    assert_eq!(header(&headers, "vary"), Some("Accept-Encoding"));
    assert!(body.len() * 3 < on_disk.len(), "{} of {} bytes", body.len(), on_disk.len());
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut decoded).unwrap();
    assert_eq!(decoded, on_disk, "the page decodes to its bytes");

    // Asked without gzip, or refusing it: as it is.
    for asked in ["", "Accept-Encoding: gzip;q=0, identity\r\n"] {
        let (_, headers, body) = served.get(page, &format!("{host}{asked}"));
        assert_eq!(header(&headers, "content-encoding"), None, "{asked}");
        assert_eq!(body, on_disk);
    }
    // A PDF is compressed already: sent as it is.
    let (_, headers, _) = served.get("/pdf/keputusan.pdf", &format!("{host}Accept-Encoding: gzip\r\n"));
    assert_eq!(header(&headers, "content-encoding"), None);
}

#[test]
fn serve_answers_only_loopback_host_names_and_caps_its_connections() {
    let test = TestProject::copy("denpasar");
    let served = Served::start(&test);
    let port = served.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        let (status, ..) = served.get("/index.html", &format!("Host: {host}\r\n"));
        assert!(status.contains(" 200 "), "{host}: {status}");
    }
    // A page of another site whose name now points at 127.0.0.1 (DNS
    // rebinding) sends its own name; no name is refused too.
    for host in
        [format!("Host: attacker.example:{port}\r\n"), format!("Host: 127.0.0.1:{}\r\n", port + 1), String::new()]
    {
        let (status, _, body) = served.get("/index.html", &host);
        assert!(status.contains(" 403 "), "{host}: {status}");
        assert!(String::from_utf8(body).unwrap().contains("loopback"), "{host}");
    }

    // Connections that never send a request hold their threads (for the
    // server's ten-second read timeout); past the cap the server answers
    // 503 at once instead of starting more. All are opened first, then
    // read, so that none times out before the cap is reached.
    use std::io::Read;
    let cap = sopkit::util::http::MAX_CONNECTIONS;
    let mut streams: Vec<std::net::TcpStream> =
        (0..cap + 8).map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    let start = std::time::Instant::now();
    let mut busy = None;
    while busy.is_none() && start.elapsed().as_secs() < 8 {
        for stream in &mut streams {
            stream.set_read_timeout(Some(std::time::Duration::from_millis(20))).unwrap();
            let mut first = [0u8; 64];
            if let Ok(n @ 1..) = stream.read(&mut first) {
                busy = Some(String::from_utf8_lossy(&first[..n]).into_owned());
                break;
            }
        }
    }
    let busy = busy.expect("a 503 once the server is full");
    assert!(busy.starts_with("HTTP/1.1 503 "), "{busy}");
    let idle = streams;
    // Closed, they free their places.
    drop(idle);
    let start = std::time::Instant::now();
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    while !served.try_get("/index.html", &host).is_ok_and(|(status, ..)| status.contains(" 200 ")) {
        assert!(start.elapsed().as_secs() < 10, "the server stays full");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
