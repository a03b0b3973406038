pragma circom 2.0.0;

include "poseidon-chain.circom";

// About 15,000 constraints (2^14): the practice market's larger job.
component main = PoseidonChain(64);
