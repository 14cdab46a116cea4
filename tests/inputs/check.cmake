# Runs `orgsim validate INPUT` from the repository root and compares the exit code and
# everything printed (stdout then stderr) with INPUT's .expected file. With
# ORGSIM_UPDATE_GOLDEN=1 it rewrites the .expected file instead.
# Inputs: ORGSIM (the binary), INPUT (path relative to the repository root).
execute_process(
  COMMAND ${ORGSIM} validate ${INPUT}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE code
  TIMEOUT 20)
set(actual "exit: ${code}\n${out}${err}")
string(REGEX REPLACE "\\.[a-z]+$" ".expected" expected_file ${INPUT})
if(DEFINED ENV{ORGSIM_UPDATE_GOLDEN})
  file(WRITE ${expected_file} "${actual}")
  return()
endif()
if(NOT EXISTS ${expected_file})
  message(FATAL_ERROR "missing ${expected_file}; create it with ORGSIM_UPDATE_GOLDEN=1 ctest -R hostile")
endif()
file(READ ${expected_file} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "orgsim validate ${INPUT} gave:\n${actual}\nexpected:\n${expected}")
endif()
