"""Reference values from py-arkworks-bls12381 (arkworks 0.4).
usage:
  arkworks.py points A B          -> '<A·G1 compressed hex> <B·G2 compressed hex>'
  arkworks.py pairing G1HEX G2HEX -> 576-byte GT serialisation hex of e(P, Q)
  arkworks.py hash MSG_HEX DST    -> compressed hex of hash_to_curve G1"""
import sys

from py_arkworks_bls12381 import GT, G1Point, G2Point, Scalar

cmd = sys.argv[1]
if cmd == "points":
    p = G1Point() * Scalar(int(sys.argv[2]))
    q = G2Point() * Scalar(int(sys.argv[3]))
    print(bytes(p.to_compressed_bytes()).hex(), bytes(q.to_compressed_bytes()).hex())
elif cmd == "pairing":
    p = G1Point.from_compressed_bytes(bytes.fromhex(sys.argv[2]))
    q = G2Point.from_compressed_bytes(bytes.fromhex(sys.argv[3]))
    print(str(GT.pairing(p, q)))
elif cmd == "hash":
    print(bytes(G1Point.hash_to_curve(bytes.fromhex(sys.argv[2]), sys.argv[3].encode()).to_compressed_bytes()).hex())
else:
    sys.exit(f"unknown command {cmd}")
