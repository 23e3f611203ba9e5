//! The client side of a SOCKS5 handshake (RFC 1928, with RFC 1929 user name and password): what
//! the browser's egress proxy says to a `socks5://` country proxy before the page's bytes flow.

use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Why the handshake failed; the texts are plain words for [`super::upstream::ProxyFailure`].
#[derive(Debug)]
pub enum Socks5Error {
    Io(std::io::Error),
    /// The proxy turned Trawl away (its login).
    Refused(&'static str),
    /// The proxy answered something that is not SOCKS5.
    Unreadable(&'static str),
    /// The proxy works but could not connect to the site (its reply code).
    Site(u8),
}

/// Asks the proxy on `stream` for a connection to `name` (the proxy resolves it) or else to
/// `resolved`, at `resolved`'s port, logging in with `credentials` if given.
pub async fn handshake(
    stream: &mut TcpStream,
    credentials: Option<(&str, &str)>,
    name: Option<&str>,
    resolved: SocketAddr,
) -> Result<(), Socks5Error> {
    let io = Socks5Error::Io;
    let method = if credentials.is_some() { 2 } else { 0 };
    stream.write_all(&[5, 1, method]).await.map_err(io)?;
    let mut choice = [0u8; 2];
    stream.read_exact(&mut choice).await.map_err(io)?;
    if choice[0] != 5 {
        return Err(Socks5Error::Unreadable("it does not speak SOCKS5"));
    }
    if choice[1] != method {
        return Err(Socks5Error::Refused(
            "it does not accept the configured way of logging in",
        ));
    }
    if let Some((user, password)) = credentials {
        let (user, password) = (user.as_bytes(), password.as_bytes());
        if user.len() > 255 || password.len() > 255 {
            return Err(Socks5Error::Refused(
                "the user name or password is too long for SOCKS5",
            ));
        }
        let mut login = vec![1, user.len() as u8];
        login.extend_from_slice(user);
        login.push(password.len() as u8);
        login.extend_from_slice(password);
        stream.write_all(&login).await.map_err(io)?;
        let mut answer = [0u8; 2];
        stream.read_exact(&mut answer).await.map_err(io)?;
        if answer[1] != 0 {
            return Err(Socks5Error::Refused(
                "it did not accept the user name and password",
            ));
        }
    }
    let mut request = vec![5, 1, 0];
    match (name, resolved.ip()) {
        (Some(name), _) if name.len() <= 255 => {
            request.push(3);
            request.push(name.len() as u8);
            request.extend_from_slice(name.as_bytes());
        }
        (_, std::net::IpAddr::V4(ip)) => {
            request.push(1);
            request.extend_from_slice(&ip.octets());
        }
        (_, std::net::IpAddr::V6(ip)) => {
            request.push(4);
            request.extend_from_slice(&ip.octets());
        }
    }
    request.extend_from_slice(&resolved.port().to_be_bytes());
    stream.write_all(&request).await.map_err(io)?;
    let mut reply = [0u8; 4];
    stream.read_exact(&mut reply).await.map_err(io)?;
    let bound = match reply[3] {
        1 => 4 + 2,
        4 => 16 + 2,
        3 => {
            let mut length = [0u8; 1];
            stream.read_exact(&mut length).await.map_err(io)?;
            length[0] as usize + 2
        }
        _ => {
            return Err(Socks5Error::Unreadable(
                "it sent an unreadable SOCKS5 answer",
            ));
        }
    };
    let mut rest = vec![0u8; bound];
    stream.read_exact(&mut rest).await.map_err(io)?;
    if reply[1] != 0 {
        return Err(Socks5Error::Site(reply[1]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A SOCKS5 server that wants `user`/`pw`, records the CONNECT request and then echoes.
    async fn socks5_server() -> (SocketAddr, tokio::sync::oneshot::Receiver<Vec<u8>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut greeting = [0u8; 3];
            socket.read_exact(&mut greeting).await.unwrap();
            assert_eq!(greeting, [5, 1, 2]);
            socket.write_all(&[5, 2]).await.unwrap();
            let mut login = [0u8; 1 + 1 + 4 + 1 + 2];
            socket.read_exact(&mut login).await.unwrap();
            assert_eq!(&login, b"\x01\x04user\x02pw");
            socket.write_all(&[1, 0]).await.unwrap();
            let mut request = vec![0u8; 4 + 1 + 12 + 2];
            socket.read_exact(&mut request).await.unwrap();
            socket
                .write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 80])
                .await
                .unwrap();
            tx.send(request).unwrap();
            let mut echo = [0u8; 5];
            socket.read_exact(&mut echo).await.unwrap();
            socket.write_all(&echo).await.unwrap();
        });
        (address, rx)
    }

    #[tokio::test]
    async fn socks5h_passes_the_site_name_and_logs_in() {
        let (server, request) = socks5_server().await;
        let mut stream = TcpStream::connect(server).await.unwrap();
        let resolved: SocketAddr = "192.0.2.1:8080".parse().unwrap();
        handshake(
            &mut stream,
            Some(("user", "pw")),
            Some("shop.example"),
            resolved,
        )
        .await
        .unwrap();
        let request = request.await.unwrap();
        assert_eq!(&request[..5], &[5, 1, 0, 3, 12]);
        assert_eq!(&request[5..17], b"shop.example");
        assert_eq!(&request[17..], &8080u16.to_be_bytes());
        stream.write_all(b"hello").await.unwrap();
        let mut echo = [0u8; 5];
        stream.read_exact(&mut echo).await.unwrap();
        assert_eq!(&echo, b"hello");
    }
}
