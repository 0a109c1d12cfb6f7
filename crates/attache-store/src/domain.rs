//! The source of an article, as a domain name: what `num_sources` counts.

/// The host of `url`, lowercased, without "www." and port: "https://www.Reuters.com/x" →
/// "reuters.com". `None` when the URL has no host. Subdomains other than "www" are kept, since
/// "edition.cnn.com" and "cnn.com" are one outlet but "timesofindia.indiatimes.com" and
/// "economictimes.indiatimes.com" are two newsrooms; merging them would need a suffix list.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => url,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // user:pass@host and host:port both reduce to the host.
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    Some(host)
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(
            domain_of("https://www.Reuters.com/world/x?y=1").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(
            domain_of("http://edition.cnn.com:8080/a").as_deref(),
            Some("edition.cnn.com")
        );
        assert_eq!(
            domain_of("thehindu.com/news").as_deref(),
            Some("thehindu.com")
        );
        assert_eq!(domain_of("not a url"), None);
        assert_eq!(domain_of(""), None);
    }
}
