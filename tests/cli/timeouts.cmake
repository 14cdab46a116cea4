# Time limits (seconds) for the tests of orgsim_cli_tests that run the binary on big
# inputs or kill it, so a hang fails instead of blocking the suite. ctest reads this
# file after the tests gtest_discover_tests found (tests/CMakeLists.txt appends it to
# TEST_INCLUDE_FILES after them); a name that is not there is ignored. Each limit is
# several times what the test takes on a loaded 2-core machine: not a speed test.
# ORGSIM_TIMEOUT_SCALE (4 in sanitizer builds) comes from timeout_scale.cmake.
math(EXPR long "180 * ${ORGSIM_TIMEOUT_SCALE}")
math(EXPR short "60 * ${ORGSIM_TIMEOUT_SCALE}")
math(EXPR longest "300 * ${ORGSIM_TIMEOUT_SCALE}")
set_tests_properties(
  BatchKillTest.CsvAfterFiveKillsAndResumeEqualsAnUninterruptedRun
  BatchKillTest.JsonLinesAfterFiveKillsAndResumeEqualAnUninterruptedRun
  HostileScaleTest.AcceptsAHundredThousandFailuresWithExactResults
  HostileScaleTest.RefusesAMillionRoleYamlModelBySize
  PROPERTIES TIMEOUT ${long})
set_tests_properties(
  HostileScaleTest.RefusesA2GbFileBySizeBeforeReadingIt
  HostileScaleTest.MaxInputMbIsAnExactLimit
  PROPERTIES TIMEOUT ${short})
set_tests_properties(MillionRoleChainTest.IsAcceptedWithExactResults PROPERTIES TIMEOUT ${longest})
set_tests_properties(MillionRoleChainTest.ImpactPathsOfAMillionRoleChain PROPERTIES TIMEOUT ${longest})
