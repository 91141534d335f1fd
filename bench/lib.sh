# Shared by bench/compare.sh and bench/peer-compare.sh (sourced after each defines die()).

# Seconds in a wrk duration (10, 10s, 2m).
seconds_of() {
    case $1 in
        *[0-9]s) echo "${1%s}" ;;
        *[0-9]m) echo $(( ${1%m} * 60 )) ;;
        *[0-9]) echo "$1" ;;
        *) die "cannot read the duration '$1' (use 10s or 2m)" ;;
    esac
}

# Dies naming the first of dotnet, curl and wrk that is missing.
require_tools() {
    local tool
    for tool in dotnet curl wrk; do
        if ! command -v "$tool" > /dev/null; then
            [[ $tool == wrk ]] && die "wrk is not installed; install it with: apt-get install -y wrk"
            die "$tool is not installed"
        fi
    done
}
