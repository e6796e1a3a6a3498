# bash completion for sockscope                                -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0-or-later

# Files with an extension (and directories); bash-completion's _filedir when it is loaded.
_sockscope_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir "$1"
    else
        COMPREPLY+=($(compgen -d -- "$cur") $(compgen -f -X "!*.$1" -- "$cur"))
    fi
}

_sockscope()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        # Plain bash without the bash-completion package.
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi

    case $prev in
        --format)
            COMPREPLY=($(compgen -W 'text json' -- "$cur"))
            return
            ;;
        --lang)
            COMPREPLY=($(compgen -W 'zh_CN en' -- "$cur"))
            return
            ;;
        --scale)
            COMPREPLY=($(compgen -W '1 2' -- "$cur"))
            return
            ;;
        --view)
            COMPREPLY=($(compgen -W 'window overview states ports slab rates table sysctls' -- "$cur"))
            return
            ;;
        --states)
            # A comma-separated list: complete the word after the last comma.
            local states='listen syn-sent syn-recv new-syn-recv established fin-wait-1 fin-wait-2
                          closing time-wait close-wait last-ack close'
            local prefix=""
            [[ $cur == *,* ]] && prefix=${cur%,*},
            COMPREPLY=($(compgen -P "$prefix" -W "$states" -- "${cur##*,}"))
            compopt -o nospace 2>/dev/null
            return
            ;;
        --netns)
            COMPREPLY=($(compgen -W "$(ls /var/run/netns 2>/dev/null)" -- "$cur") $(compgen -f -- "$cur"))
            return
            ;;
        --screenshot)
            _sockscope_files png
            return
            ;;
        --record | --replay)
            _sockscope_files sockrec
            return
            ;;
        --top | --interval | --samples | --duration | --table-every | --set)
            return
            ;;
        --lab)
            COMPREPLY=($(compgen -W 'server-closes client-closes port-exhaustion table-overflow fin-wait-2 listen-queue' -- "$cur"))
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--help --help-all --version --once --format --top --sockets --netns
            --states --interval --lang --screenshot --view --samples --benchmark --record --duration
            --table-every --replay --scale --lab --headless --set' -- "$cur"))
        return
    fi
    # The positional FILE: a recording to replay.
    _sockscope_files sockrec
} &&
    complete -F _sockscope sockscope
