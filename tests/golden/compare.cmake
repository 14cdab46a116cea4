# Runs `orgsim ARGS` from the repository root and compares its stdout with a golden
# file. With ORGSIM_UPDATE_GOLDEN=1 in the environment it rewrites the golden file
# instead, so a deliberate change in the model's numbers shows up as a diff in review.
# Inputs: ORGSIM (the binary), ARGS (a ;-list), GOLDEN (the expected output file).
execute_process(
  COMMAND ${ORGSIM} ${ARGS}
  OUTPUT_VARIABLE actual
  ERROR_VARIABLE errors
  RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "orgsim ${ARGS} exited with ${code}:\n${errors}")
endif()
if(DEFINED ENV{ORGSIM_UPDATE_GOLDEN})
  file(WRITE ${GOLDEN} "${actual}")
  message(STATUS "updated ${GOLDEN}")
  return()
endif()
if(NOT EXISTS ${GOLDEN})
  message(FATAL_ERROR "missing golden file ${GOLDEN}; create it with ORGSIM_UPDATE_GOLDEN=1 ctest -R golden")
endif()
file(READ ${GOLDEN} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${GOLDEN}.actual "${actual}")
  execute_process(COMMAND diff -u ${GOLDEN} ${GOLDEN}.actual OUTPUT_VARIABLE difference)
  file(REMOVE ${GOLDEN}.actual)
  message(FATAL_ERROR "orgsim ${ARGS} differs from ${GOLDEN}:\n${difference}")
endif()
