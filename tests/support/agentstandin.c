/* Stands in for sockscope-agent in the remote tests until the real agent exists: prints one
 * line naming itself and its arguments, then echoes stdin to stdout and exits at EOF — the
 * agent's contract that nothing stays running on a server once the connection closes. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    printf("STANDIN");
    for (int i = 1; i < argc; ++i)
        printf(" %s", argv[i]);
    printf("\n");
    fflush(stdout);
    char buffer[4096];
    ssize_t n;
    while ((n = read(0, buffer, sizeof buffer)) > 0) {
        if (write(1, buffer, (size_t)n) != n)
            return 1;
    }
    return 0;
}
