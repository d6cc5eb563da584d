//! [`RaspBody`]: the body handed on after inspection.
//!
//! The layer reads at most the inspection limit of a body, then hands on *every* frame it
//! read, unchanged and in order, followed by the rest of the original body still streaming.
//! A body that needed no reading is forwarded as is, without buffering or boxing.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;

/// Error type of [`RaspBody`]: the wrapped body's error, boxed.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Upper bound on frames buffered while reading a prefix, so a stream of empty frames
/// cannot keep the reader looping.
const MAX_PREFIX_FRAMES: usize = 16 * 1024;

pin_project! {
    #[project = KindProj]
    enum Kind<B> {
        // Untouched body (nothing had to be read).
        Direct { #[pin] body: B },
        // Frames already read, then an error or the rest of the body.
        Replay {
            frames: VecDeque<Frame<Bytes>>,
            len: u64,
            error: Option<BoxError>,
            rest: Option<Pin<Box<B>>>,
        },
    }
}

pin_project! {
    /// A request body given to the application, or a response body given to the client.
    ///
    /// It yields exactly the frames of the original body (data and trailers), including the
    /// ones the layer buffered for inspection, or the block response's body. `size_hint`
    /// stays exact when the original one was, so `Content-Length` is preserved.
    pub struct RaspBody<B> {
        #[pin]
        kind: Kind<B>,
    }
}

impl<B> RaspBody<B> {
    /// The original body, untouched.
    pub fn new(body: B) -> Self {
        RaspBody {
            kind: Kind::Direct { body },
        }
    }

    /// A complete body made of `data` (used for block responses).
    pub fn full(data: impl Into<Bytes>) -> Self {
        let data: Bytes = data.into();
        let mut frames = VecDeque::new();
        let len = data.len() as u64;
        if !data.is_empty() {
            frames.push_back(Frame::data(data));
        }
        RaspBody {
            kind: Kind::Replay {
                frames,
                len,
                error: None,
                rest: None,
            },
        }
    }

    pub(crate) fn replay(prefix: Prefix<B>) -> Self {
        RaspBody {
            kind: Kind::Replay {
                frames: prefix.frames,
                len: prefix.len as u64,
                error: prefix.error,
                rest: prefix.rest,
            },
        }
    }
}

impl<B> Body for RaspBody<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match self.project().kind.project() {
            KindProj::Direct { body } => body.poll_frame(cx).map_err(Into::into),
            KindProj::Replay {
                frames,
                len,
                error,
                rest,
            } => {
                if let Some(frame) = frames.pop_front() {
                    if let Some(data) = frame.data_ref() {
                        *len -= data.len() as u64;
                    }
                    return Poll::Ready(Some(Ok(frame)));
                }
                if let Some(e) = error.take() {
                    return Poll::Ready(Some(Err(e)));
                }
                let Some(body) = rest.as_mut() else {
                    return Poll::Ready(None);
                };
                let polled = body.as_mut().poll_frame(cx).map_err(Into::into);
                if let Poll::Ready(None) = polled {
                    *rest = None;
                }
                polled
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Direct { body } => body.is_end_stream(),
            Kind::Replay {
                frames,
                error,
                rest,
                ..
            } => {
                frames.is_empty()
                    && error.is_none()
                    && rest.as_ref().is_none_or(|b| b.is_end_stream())
            }
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Direct { body } => body.size_hint(),
            Kind::Replay { len, rest, .. } => {
                let tail = rest.as_ref().map(|b| b.size_hint()).unwrap_or_else(|| {
                    let mut h = SizeHint::new();
                    h.set_exact(0);
                    h
                });
                let mut hint = SizeHint::new();
                hint.set_lower(tail.lower().saturating_add(*len));
                if let Some(upper) = tail.upper() {
                    hint.set_upper(upper.saturating_add(*len));
                }
                hint
            }
        }
    }
}

/// The first bytes of a body, read for inspection, with what is needed to hand the body on.
pub(crate) struct Prefix<B> {
    frames: VecDeque<Frame<Bytes>>,
    /// Data bytes in `frames`.
    len: usize,
    /// Contiguous copy (or shared slice) of at most `limit` data bytes, for the engine.
    pub(crate) view: Bytes,
    /// True when the body goes on beyond `view` (limit reached, frame cap, or read error).
    pub(crate) truncated: bool,
    error: Option<BoxError>,
    rest: Option<Pin<Box<B>>>,
}

/// Reads `body` until its end, an error, or `limit` data bytes, whichever comes first.
pub(crate) async fn read_prefix<B>(body: B, limit: usize) -> Prefix<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    let mut body = Box::pin(body);
    let mut frames = VecDeque::new();
    let mut len = 0usize;
    let mut error = None;
    let mut ended = false;
    while len < limit && frames.len() < MAX_PREFIX_FRAMES {
        match std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
            None => {
                ended = true;
                break;
            }
            Some(Ok(frame)) => {
                if let Some(data) = frame.data_ref() {
                    len += data.len();
                }
                frames.push_back(frame);
            }
            Some(Err(e)) => {
                error = Some(e.into());
                break;
            }
        }
    }
    if !ended && error.is_none() && body.is_end_stream() {
        ended = true;
    }
    let view = contiguous(&frames, limit);
    let truncated = !ended || len > limit;
    Prefix {
        frames,
        len,
        view,
        truncated,
        error,
        rest: if ended { None } else { Some(body) },
    }
}

/// The first `limit` data bytes of `frames` in one buffer; no copy when one frame holds them.
fn contiguous(frames: &VecDeque<Frame<Bytes>>, limit: usize) -> Bytes {
    let mut data = frames.iter().filter_map(Frame::data_ref);
    let Some(first) = data.next() else {
        return Bytes::new();
    };
    if first.len() >= limit || frames.iter().filter_map(Frame::data_ref).nth(1).is_none() {
        return first.slice(..first.len().min(limit));
    }
    let mut buf = BytesMut::with_capacity(limit.min(1 << 20));
    for chunk in frames.iter().filter_map(Frame::data_ref) {
        let room = limit - buf.len();
        if room == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    buf.freeze()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, StreamBody};

    fn stream(
        chunks: Vec<&'static [u8]>,
    ) -> StreamBody<impl futures_util::Stream<Item = Result<Frame<Bytes>, std::io::Error>>> {
        StreamBody::new(futures_util::stream::iter(
            chunks
                .into_iter()
                .map(|c| Ok(Frame::data(Bytes::from_static(c)))),
        ))
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn prefix_then_rest_is_the_whole_body() {
        block_on(async {
            let p = read_prefix(stream(vec![b"hello ", b"big ", b"world"]), 8).await;
            assert_eq!(&p.view[..], b"hello bi");
            assert!(p.truncated);
            let all = RaspBody::replay(p).collect().await.unwrap().to_bytes();
            assert_eq!(&all[..], b"hello big world");
        });
    }

    #[test]
    fn small_body_is_complete_and_exact() {
        block_on(async {
            let p = read_prefix(http_body_util::Full::new(Bytes::from_static(b"abc")), 8).await;
            assert!(!p.truncated);
            assert_eq!(&p.view[..], b"abc");
            let body = RaspBody::replay(p);
            assert_eq!(body.size_hint().exact(), Some(3));
            assert_eq!(&body.collect().await.unwrap().to_bytes()[..], b"abc");
        });
    }

    #[test]
    fn read_error_is_replayed_after_the_data() {
        block_on(async {
            let s = futures_util::stream::iter(vec![
                Ok(Frame::data(Bytes::from_static(b"ab"))),
                Err(std::io::Error::other("reset")),
            ]);
            let p = read_prefix(StreamBody::new(s), 100).await;
            assert!(p.truncated);
            let mut body = RaspBody::replay(p);
            let first = body.frame().await.unwrap().unwrap();
            assert_eq!(first.data_ref().unwrap().as_ref(), b"ab");
            assert!(body.frame().await.unwrap().is_err());
        });
    }

    #[test]
    fn empty_frames_cannot_loop_forever() {
        block_on(async {
            let s = futures_util::stream::repeat_with(|| {
                Ok::<_, std::io::Error>(Frame::data(Bytes::new()))
            })
            .take(MAX_PREFIX_FRAMES * 2);
            let p = read_prefix(StreamBody::new(s), 10).await;
            assert!(p.truncated);
            assert!(p.view.is_empty());
        });
    }

    use futures_util::StreamExt;
}
