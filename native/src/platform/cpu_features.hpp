// Run-time CPU feature checks that pick faster code paths.
#pragma once

namespace proverdesk {

// True on x86-64 CPUs with both BMI2 and ADX (mulx, adcx, adox). Evaluated once.
bool cpuHasBmi2Adx();

}  // namespace proverdesk
