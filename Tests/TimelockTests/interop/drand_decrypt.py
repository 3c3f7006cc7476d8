"""usage: drand_decrypt.py RAW_CIPHERTEXT_HEX ROUND SIGNATURE_HEX -> prints the plaintext hex.
Wraps the raw ciphertext in SCALE UserData and calls bittensor_drand.decrypt_with_signature."""
import sys

import bittensor_drand
from scale import wrap

raw = bytes.fromhex(sys.argv[1])
data = wrap(raw, int(sys.argv[2]))
try:
    out = bittensor_drand.decrypt_with_signature(data, sys.argv[3])
except Exception as e:  # report failures on stderr with a distinct exit code
    print(f"decrypt_with_signature failed: {e!r}", file=sys.stderr)
    sys.exit(3)
print(bytes(out).hex())
