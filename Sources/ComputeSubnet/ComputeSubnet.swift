import Bittensor
