pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";

// Hashes a private seed n times: h1 = Poseidon(seed), h(i+1) = Poseidon(h(i), salt).
// About 240 constraints per step; the main files pick n for the size they need.
template PoseidonChain(n) {
    signal input seed;
    signal input salt;
    signal output out;

    component first = Poseidon(1);
    first.inputs[0] <== seed;

    component steps[n - 1];
    signal links[n];
    links[0] <== first.out;
    for (var i = 1; i < n; i++) {
        steps[i - 1] = Poseidon(2);
        steps[i - 1].inputs[0] <== links[i - 1];
        steps[i - 1].inputs[1] <== salt;
        links[i] <== steps[i - 1].out;
    }

    out <== links[n - 1];
}
