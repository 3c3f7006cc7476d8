"""SCALE helpers for bittensor-drand's `UserData {encrypted_data: Vec<u8>, reveal_round: u64}`."""
import struct


def compact(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return struct.pack("<H", (n << 2) | 1)
    if n < 1 << 30:
        return struct.pack("<I", (n << 2) | 2)
    raise ValueError("length too large for this helper")


def wrap(raw: bytes, reveal_round: int) -> bytes:
    return compact(len(raw)) + raw + struct.pack("<Q", reveal_round)


def unwrap(data: bytes):
    mode = data[0] & 3
    if mode == 0:
        n, off = data[0] >> 2, 1
    elif mode == 1:
        n, off = struct.unpack("<H", data[:2])[0] >> 2, 2
    elif mode == 2:
        n, off = struct.unpack("<I", data[:4])[0] >> 2, 4
    else:
        raise ValueError("big compact lengths not supported")
    raw = data[off:off + n]
    if len(data) != off + n + 8:
        raise ValueError("unexpected UserData length")
    (reveal_round,) = struct.unpack("<Q", data[off + n:])
    return raw, reveal_round
