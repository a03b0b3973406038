pragma circom 2.0.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Several public inputs and outputs: four public inputs (a, b, c, d), two private ones (x, y),
// four outputs. x and y are range-checked to `bits` bits, so an input over the range fails an
// assertion while the witness is computed.
template MultiPublic(bits) {
    signal input a;
    signal input b;
    signal input c;
    signal input d;
    signal input x;
    signal input y;

    signal output sum;
    signal output product;
    signal output weighted;
    signal output xLessThanY;

    component xBits = Num2Bits(bits);
    xBits.in <== x;
    component yBits = Num2Bits(bits);
    yBits.in <== y;

    sum <== a + b + c + d + x + y;

    signal ab;
    ab <== a * b;
    signal cd;
    cd <== c * d;
    product <== ab * cd;

    signal ax;
    ax <== a * x;
    weighted <== ax + b * 3 + y;

    component lessThan = LessThan(bits);
    lessThan.in[0] <== x;
    lessThan.in[1] <== y;
    xLessThanY <== lessThan.out;
}

component main {public [a, b, c, d]} = MultiPublic(32);
