pragma circom 2.0.0;

include "poseidon-chain.circom";

// About 3,800 constraints (2^12 after padding): the practice market's everyday job.
component main = PoseidonChain(16);
