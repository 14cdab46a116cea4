# Runs `orgsim validate INPUT` from the repository root and compares the exit code and
# everything printed (stdout then stderr) with INPUT's .expected file. With
# ORGSIM_UPDATE_GOLDEN=1 it rewrites the .expected file instead.
# A file INPUT.args (same stem) replaces `validate` with its words, e.g. `run --static`.
# Inputs: ORGSIM (the binary), INPUT (path relative to the repository root).
set(command validate)
string(REGEX REPLACE "\\.[a-z]+$" ".args" args_file ${INPUT})
get_filename_component(args_file ${args_file} ABSOLUTE)
if(EXISTS ${args_file})
  file(READ ${args_file} command)
  string(STRIP "${command}" command)
  separate_arguments(command UNIX_COMMAND "${command}")
endif()
execute_process(
  COMMAND ${ORGSIM} ${command} ${INPUT}
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
  message(FATAL_ERROR "orgsim ${command} ${INPUT} gave:\n${actual}\nexpected:\n${expected}")
endif()
