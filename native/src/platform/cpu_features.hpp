// Run-time CPU feature checks that pick faster code paths.
#pragma once

namespace proverdesk {

// True on x86-64 CPUs with both BMI2 and ADX (mulx, adcx, adox). Evaluated once.
bool cpuHasBmi2Adx();

// True on x86-64 CPUs (and operating systems) with AVX-512 F, DQ, VL and IFMA: eight 52-bit multiply-adds per
// instruction, used for the MSM's bucket additions. Evaluated once; PROVERDESK_PORTABLE=1 or PROVERDESK_NO_IFMA=1
// turns it off (to test every path on one machine).
bool cpuHasAvx512Ifma();

}  // namespace proverdesk
