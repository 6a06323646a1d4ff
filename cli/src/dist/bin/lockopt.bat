@echo off
rem lockopt launcher of the distribution (Windows): runs lib\lockopt.jar with a JDK 17+ from
rem JAVA_HOME or, failing that, the PATH.
rem
rem analyze and rules are short, parse-bound runs: the C1 JIT alone and the serial GC take about a
rem third less CPU and memory than the defaults (docs/performance.md). LOCKOPT_JAVA_OPTS, when set,
rem replaces those defaults. `profile` attaches lib\lockopt-agent.jar.
setlocal
set "LOCKOPT_HOME=%~dp0.."

set "LOCKOPT_JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "LOCKOPT_JAVA=%JAVA_HOME%\bin\java.exe"
if not defined LOCKOPT_JAVA (
  where java >nul 2>nul && set "LOCKOPT_JAVA=java"
)
if not defined LOCKOPT_JAVA (
  echo lockopt: no java found: install a JDK 17+ or set JAVA_HOME 1>&2
  exit /b 3
)

set "LOCKOPT_DEFAULT_OPTS="
call :defaults %*
if defined LOCKOPT_JAVA_OPTS (set "LOCKOPT_OPTS=%LOCKOPT_JAVA_OPTS%") else (set "LOCKOPT_OPTS=%LOCKOPT_DEFAULT_OPTS%")

"%LOCKOPT_JAVA%" %LOCKOPT_OPTS% "-Dlockopt.agent.jar=%LOCKOPT_HOME%\lib\lockopt-agent.jar" -jar "%LOCKOPT_HOME%\lib\lockopt.jar" %*
exit /b %ERRORLEVEL%

rem The first argument that is not an option names the subcommand.
:defaults
if "%~1"=="" goto :eof
set "LOCKOPT_ARG=%~1"
if "%LOCKOPT_ARG:~0,1%"=="-" (
  shift
  goto defaults
)
if /i "%LOCKOPT_ARG%"=="analyze" set "LOCKOPT_DEFAULT_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if /i "%LOCKOPT_ARG%"=="rules" set "LOCKOPT_DEFAULT_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
goto :eof
