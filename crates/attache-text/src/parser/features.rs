//! The parser's feature templates: words, tags and labels around the top of the
//! stack and the front of the buffer, their leftmost and rightmost dependents,
//! valency and distance.

use super::{State, NONE};
use crate::features::{feat, mix};

pub const N_PARSE_FEATS: usize = 48;

const PAD_W: u64 = 0x1234_5678_9abc;
const ROOT_W: u64 = 0x0fed_cba9_8765;

/// Features of the state `st` for a sentence with word hashes `words` and tag hashes `tags`.
#[inline]
pub fn extract(st: &State, words: &[u64], tags: &[u64], out: &mut [u64; N_PARSE_FEATS]) {
    let n = st.n as u32;
    let w = |p: u32| -> u64 {
        if p == NONE {
            PAD_W
        } else if p == n {
            ROOT_W
        } else {
            words[p as usize]
        }
    };
    let t = |p: u32| -> u64 {
        if p == NONE {
            0x200
        } else if p == n {
            0x201
        } else {
            tags[p as usize]
        }
    };
    let l = |p: u32| -> u64 {
        if p == NONE {
            0x300
        } else {
            st.labels[p as usize] as u64
        }
    };
    let kid = |v: &Vec<u32>, p: u32| -> u32 {
        if p == NONE {
            NONE
        } else {
            v[p as usize]
        }
    };
    let val = |v: &Vec<u8>, p: u32| -> u64 {
        if p == NONE {
            0xff
        } else {
            v[p as usize].min(4) as u64
        }
    };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b0 = st.b as u32;
    let b1 = if b0 < n { b0 + 1 } else { NONE };
    let b2 = if b0 + 1 < n { b0 + 2 } else { NONE };
    let (s0l, s0l2, s0r, s0r2) = (
        kid(&st.lc1, s0),
        kid(&st.lc2, s0),
        kid(&st.rc1, s0),
        kid(&st.rc2, s0),
    );
    let (s1l, s1r) = (kid(&st.lc1, s1), kid(&st.rc1, s1));
    let (b0l, b0l2) = (kid(&st.lc1, b0), kid(&st.lc2, b0));
    let dist = |a: u32, b: u32| -> u64 {
        if a == NONE || b == NONE {
            0
        } else {
            (b.abs_diff(a) as u64).min(6)
        }
    };
    let (s0w, s0t, s1w, s1t, s2t) = (w(s0), t(s0), w(s1), t(s1), t(s2));
    let (b0w, b0t, b1w, b1t, b2t) = (w(b0), t(b0), w(b1), t(b1), t(b2));
    let d0 = dist(s0, b0);
    *out = [
        feat(101, s0w, 0, 0),
        feat(102, s0t, 0, 0),
        feat(103, s0w, s0t, 0),
        feat(104, s1w, 0, 0),
        feat(105, s1t, 0, 0),
        feat(106, s1w, s1t, 0),
        feat(107, b0w, 0, 0),
        feat(108, b0t, 0, 0),
        feat(109, b0w, b0t, 0),
        feat(110, b1w, 0, 0),
        feat(111, b1t, 0, 0),
        feat(112, b1w, b1t, 0),
        feat(113, b2t, 0, 0),
        feat(115, s2t, 0, 0),
        feat(116, s0w, b0w, 0),
        feat(117, s0t, b0t, 0),
        feat(118, mix(s0w, s0t), b0t, 0),
        feat(119, s0t, mix(b0w, b0t), 0),
        feat(120, s0w, s1w, 0),
        feat(121, s0t, s1t, 0),
        feat(124, b0t, b1t, 0),
        feat(125, b0t, b1t, b2t),
        feat(126, s0t, b0t, b1t),
        feat(127, s1t, s0t, b0t),
        feat(128, s2t, s1t, s0t),
        feat(129, s0t, t(s0l), b0t),
        feat(130, s0t, t(s0r), b0t),
        feat(131, s1t, t(s1r), s0t),
        feat(132, s1t, t(s1l), s0t),
        feat(133, s0t, b0t, t(b0l)),
        feat(134, b0t, t(b0l), t(b0l2)),
        feat(135, s0t, t(s0l), t(s0l2)),
        feat(136, s0t, t(s0r), t(s0r2)),
        feat(137, s0t, l(s0l), 0),
        feat(138, s0t, l(s0r), 0),
        feat(141, b0t, l(b0l), 0),
        feat(143, s1t, l(s1r), 0),
        feat(144, s0t, l(s0l), l(s0r)),
        feat(145, s0w, d0, 0),
        feat(146, s0t, d0, 0),
        feat(147, s0t, b0t, d0),
        feat(148, s1t, s0t, dist(s1, s0)),
        feat(149, s0w, val(&st.nr, s0), 0),
        feat(150, s0t, val(&st.nl, s0), val(&st.nr, s0)),
        feat(151, b0t, val(&st.nl, b0), 0),
        feat(153, w(s0l), s0t, 0),
        feat(154, w(s0r), s0t, 0),
        feat(155, w(b0l), b0t, 0),
    ];
}
