# Time limits (seconds) for the tests of orgsim_cli_tests that run the binary on big
# inputs or kill it, so a hang fails instead of blocking the suite. ctest reads this
# file after the tests gtest_discover_tests found (tests/CMakeLists.txt appends it to
# TEST_INCLUDE_FILES after them); a name that is not there is ignored. Each limit is
# several times what the test takes on a loaded 2-core machine: not a speed test.
set_tests_properties(
  BatchKillTest.CsvAfterFiveKillsAndResumeEqualsAnUninterruptedRun
  BatchKillTest.JsonLinesAfterFiveKillsAndResumeEqualAnUninterruptedRun
  HostileScaleTest.AcceptsAHundredThousandFailuresWithExactResults
  HostileScaleTest.RefusesAMillionRoleYamlModelBySize
  PROPERTIES TIMEOUT 180)
set_tests_properties(
  HostileScaleTest.RefusesA2GbFileBySizeBeforeReadingIt
  HostileScaleTest.MaxInputMbIsAnExactLimit
  PROPERTIES TIMEOUT 60)
set_tests_properties(MillionRoleChainTest.IsAcceptedWithExactResults PROPERTIES TIMEOUT 300)
set_tests_properties(MillionRoleChainTest.ImpactPathsOfAMillionRoleChain PROPERTIES TIMEOUT 300)
