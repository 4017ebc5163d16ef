#include <stdio.h>

#include "banned.h"

int main(void)
{
	return 0;
}
