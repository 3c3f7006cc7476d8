"""usage: drand_encrypt.py PLAINTEXT_HEX ROUND -> prints the raw ciphertext hex.
Calls bittensor_drand.encrypt_at_round (quicknet key) and strips the SCALE UserData wrapper."""
import sys

import bittensor_drand
from scale import unwrap

data, rnd = bittensor_drand.encrypt_at_round(bytes.fromhex(sys.argv[1]), int(sys.argv[2]))
raw, inner_round = unwrap(bytes(data))
assert rnd == int(sys.argv[2]) and inner_round == rnd, (rnd, inner_round)
print(raw.hex())
